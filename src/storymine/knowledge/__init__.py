"""Knowledge summaries per theme and per session, and the lessons table (specs in store/schema.py)."""

from storymine.knowledge.summarise import KnowledgeConfig, KnowledgeInputs, build_knowledge
from storymine.store.schema import CHAINS, KNOWLEDGE, LESSONS, SIGNAL_KINDS

__all__ = ["CHAINS", "KNOWLEDGE", "LESSONS", "SIGNAL_KINDS", "KnowledgeConfig", "KnowledgeInputs", "build_knowledge"]
