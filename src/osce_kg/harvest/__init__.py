"""Harvest the OSCE's publications from its web site, politely, into a WARC archive; then ingest.

:class:`SiteProfile` says where the listings are and how to find items on them;
:func:`harvest` walks the listings newest first (robots.txt, one request per second, conditional
re-requests, resumable after any interruption) and ingests what is new or changed;
:func:`ingest_archive` re-ingests everything an archive holds, without the network.
"""

from osce_kg.harvest.profile import SiteProfile, load_profile
from osce_kg.harvest.runner import HarvestOptions, HarvestReport, harvest, ingest_archive

__all__ = ["HarvestOptions", "HarvestReport", "SiteProfile", "harvest", "ingest_archive",
           "load_profile"]
