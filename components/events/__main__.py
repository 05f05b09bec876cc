"""``python -m components.events validate|--json|convert``: see components.commands.events."""
import sys

from components.commands.events import main

sys.exit(main())
