"""rolequiz: rate your data skills, find the data role you are closest to, and close the gaps."""

__version__ = "0.1.0"
