"""`python -m careermate_bot.cli ...` runs the `careermate` command."""

import sys

from careermate_bot.cli.main import main

sys.exit(main())
