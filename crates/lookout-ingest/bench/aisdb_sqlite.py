"""Baseline: AISdb's decoder (Rust, via its Python package) into its SQLite database."""
import sys
import aisdb
from aisdb.database.dbconn import SQLiteDBConn

src, db = sys.argv[1], sys.argv[2]
with SQLiteDBConn(dbpath=db) as dbconn:
    aisdb.decode_msgs([src], dbconn=dbconn, source="BENCH", verbose=False)
