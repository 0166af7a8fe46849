"""`python -m prongsai`: the same as the `prongsai` command."""

import sys

from prongsai.cli import main

sys.exit(main())
