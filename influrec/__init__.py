"""influrec: recommend fashion influencers from a photo (library; never imports Streamlit)."""

__version__ = "0.1.0"
