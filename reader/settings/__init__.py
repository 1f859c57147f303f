"""Where Sahifa's files are and what they say: XDG dirs, bundled files, the
config file (through a cache of parsed TOML), and the reading options built
from the config and the command line."""
