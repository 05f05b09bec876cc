"""What the user sees, without Streamlit: URL state, captions and the Plotly figure builders."""
