"""The three dev suites: `swe` (SWE-bench Verified, Python), `poly` (Multi-SWE-bench, six
languages) and `semble` (semble's code-search queries). `issues` is the driver the first
two share: trees, indexes, packs, searches and their scores."""
