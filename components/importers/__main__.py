"""``python -m components.importers``: the ACLED / UCDP importer command (see components.io.importers)."""
import sys

from components.io.importers.__main__ import main

sys.exit(main())
