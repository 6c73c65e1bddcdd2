"""The facilitator's HTML report and the run summary artifact."""

from storymine.report.html import build_report, highlight, run_summary_markdown

__all__ = ["build_report", "highlight", "run_summary_markdown"]
