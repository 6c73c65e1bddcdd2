"""Knowledge summaries per theme and per session, and the lessons table."""

from storymine.knowledge.schema import CHAINS, KNOWLEDGE, LESSONS, SIGNAL_KINDS
from storymine.knowledge.summarise import KnowledgeConfig, KnowledgeInputs, build_knowledge

__all__ = ["CHAINS", "KNOWLEDGE", "LESSONS", "SIGNAL_KINDS", "KnowledgeConfig", "KnowledgeInputs", "build_knowledge"]
