import sys

try:
    from .cli import run
except KeyboardInterrupt:       # Ctrl-C while the library loads: no traceback either
    sys.exit(130)

run()
