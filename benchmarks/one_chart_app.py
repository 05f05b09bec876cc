"""The baseline page for the page-speed benchmark: the smallest honest Streamlit page with
one Plotly chart (a title, a metric and a 68-point timeline-like scatter), served the same
way as the dashboard (``streamlit run``, headless).  ``benchmarks/page.py`` compares the
dashboard's page -> first chart time with this page's, in the same run."""
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="one chart", layout="wide")
st.title("One chart")
days = pd.date_range("2020-01-01", periods=68, freq="5D")
st.metric("Events shown", len(days))
fig = go.Figure(go.Scatter(x=days, y=[i % 7 for i in range(len(days))], mode="markers"))
st.plotly_chart(fig)
