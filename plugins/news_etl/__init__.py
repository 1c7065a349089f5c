"""news_etl: the healthcare-IT news ingestion core.

One module per pipeline stage (``feeds``, ``fetch``, ``extract``, ``classify``,
``warehouse``, ``quality``), plus ``config`` and ``cli``. Every stage is a plain
function (see ``pipeline``) that Airflow tasks and the CLI call alike.
"""

__version__ = "0.1.0"
