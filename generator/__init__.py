"""interview-report: interview transcripts in, a published research-report website out."""

__version__ = "0.1.0"
