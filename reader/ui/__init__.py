"""The Textual shell: the only package that imports textual."""
