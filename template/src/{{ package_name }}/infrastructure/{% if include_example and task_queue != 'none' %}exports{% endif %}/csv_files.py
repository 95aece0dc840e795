"""``CsvExportFiles``: export files written as CSV into one directory, atomically."""

import asyncio
import csv
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Final, TextIO

from ...application.catalog.exports import Cell

# Spreadsheets run a cell starting with these as a formula (CSV injection), so such
# text is prefixed with a quote, as OWASP recommends; numbers are written as they are.
FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")
BATCH_SIZE: Final = 100


def neutralise(cell: Cell) -> Cell:
    """Return ``cell``, with a leading quote if it is text a spreadsheet would evaluate."""
    if isinstance(cell, str) and cell.startswith(FORMULA_TRIGGERS):
        return "'" + cell
    return cell


class CsvExportFiles:
    """Writes each export to ``<directory>/<name>``; readers never see a partial file."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def location(self, name: str) -> Path:
        """Return the path of the export called ``name`` (a bare file name)."""
        return self.directory / Path(name).name

    async def remove(self, name: str) -> None:
        """Delete the export called ``name``; one that is already gone is fine."""
        await asyncio.to_thread(self.location(name).unlink, missing_ok=True)

    async def write(
        self, name: str, header: Sequence[str], rows: AsyncIterator[Sequence[Cell]]
    ) -> int:
        """Write ``header`` and ``rows`` to a partial file, then rename it into place."""
        final = self.location(name)
        partial = final.with_name(final.name + ".partial")
        await asyncio.to_thread(self.directory.mkdir, parents=True, exist_ok=True)
        handle = await asyncio.to_thread(partial.open, "w", newline="", encoding="utf-8")
        try:
            count = await self._write_rows(handle, header, rows)
        except BaseException:
            await asyncio.to_thread(handle.close)
            await asyncio.to_thread(partial.unlink, missing_ok=True)
            raise
        await asyncio.to_thread(handle.close)
        await asyncio.to_thread(partial.replace, final)
        return count

    @staticmethod
    async def _write_rows(
        handle: TextIO, header: Sequence[str], rows: AsyncIterator[Sequence[Cell]]
    ) -> int:
        writer = csv.writer(handle)
        await asyncio.to_thread(writer.writerow, header)
        count = 0
        batch: list[list[Cell]] = []
        async for row in rows:
            batch.append([neutralise(cell) for cell in row])
            if len(batch) == BATCH_SIZE:
                await asyncio.to_thread(writer.writerows, batch)
                count += len(batch)
                batch = []
        await asyncio.to_thread(writer.writerows, batch)
        return count + len(batch)
