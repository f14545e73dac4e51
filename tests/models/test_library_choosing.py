"""A library made for choosing (issue 11.2): recommended first, embedding-only models on
request, installed tags marked, every column sorted by its value; downloads told in words
and finished ones showing their whole size."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressBar

from desktop.core.models.forecast import Fit
from desktop.core.units import human_bytes
from desktop.services.models.pull_queue import JobState
from desktop.ui.models.item_models import ITEM_ROLE
from desktop.ui.models.library_table import LibraryModel
from tests.fake_ollama.models import gemma3_270m
from tests.models.conftest import visible_names
from tests.models.registry_server import static_registry

MB = 1 << 20
RECORDED_SIZE = 253_113_615  # the recorded gemma3:270m manifest: 3 layers + config


def column(tab, col: int, role=Qt.ItemDataRole.DisplayRole) -> list:
    p = tab.library_presenter.proxy
    return [p.index(r, col).data(role) for r in range(p.rowCount())]


def test_download_size_sorts_by_bytes_not_text(qtbot, tab):
    tab.library.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    names = visible_names(tab)
    lib = tab.model_library
    sizes = [lib.forecast(n).size for n in names]
    assert sizes == sorted(sizes)
    # 241 MiB used to sort between 3.0 GiB and 4.1 GiB (compared as text)
    assert names.index("gemma3:270m") < names.index("qwen2.5vl:3b") < names.index("mistral:7b")
    tab.library.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # parameters
    counts = [lib.catalog.find(n).parameter_count for n in visible_names(tab)]
    assert counts == sorted(counts, reverse=True)
    tab.library.table.sortByColumn(4, Qt.SortOrder.AscendingOrder)  # quantization
    quants = [lib.forecast(n).quantization for n in visible_names(tab)]
    assert quants.index("Q4_K_M") < quants.index("Q8_0") < quants.index("F16")
    assert quants.index("F16") > max(i for i, q in enumerate(quants) if q == "Q4_0")


def test_embedding_only_models_are_hidden_until_asked_for(qtbot, tab):
    assert "nomic-embed-text:v1.5" not in visible_names(tab)
    assert not any("embed" in n for n in visible_names(tab))
    tab.library.show_embedding.setChecked(True)
    assert "nomic-embed-text:v1.5" in visible_names(tab)
    assert "llama3.1:8b" in visible_names(tab)


def test_default_order_puts_the_best_choice_for_this_machine_first(qtbot, tab):
    assert tab.model_library.bandwidth.bandwidth == 20e9  # the fixture's machine, not this box
    header = tab.library.table.horizontalHeader()
    assert header.sortIndicatorSection() == LibraryModel.RANK_COL
    names = visible_names(tab)
    first = tab.model_library.forecast(names[0])
    assert first.memory.fit is Fit.RUNS_WELL and first.speed is not None
    assert first.speed.estimate >= 8
    marks = column(tab, LibraryModel.RANK_COL)
    assert marks[0] == "★ best pick"
    # recommended rows come first, then the rest; nothing that won't fit before one that runs
    fits = [tab.model_library.forecast(n).memory.fit for n in names]
    if Fit.WONT_FIT in fits:
        assert Fit.RUNS_WELL not in fits[fits.index(Fit.WONT_FIT) :]


def test_installed_tags_are_marked(qtbot, tab, fake_ollama):
    assert "✓ 270m" not in column(tab, 1)
    fake_ollama.install(gemma3_270m().renamed("gemma3:270m"))
    tab.model_library.refresh_installed()
    qtbot.waitUntil(lambda: "✓ 270m" in column(tab, 1), timeout=10000)
    row = column(tab, 1).index("✓ 270m")
    p = tab.library_presenter.proxy
    assert p.index(row, 0).data(ITEM_ROLE).full_name == "gemma3:270m"
    assert p.index(row, 1).data(Qt.ItemDataRole.ToolTipRole) == "Installed"
    # the Installed page forecasts it from what is on disk, though the catalog knows it too
    installed = tab.installed_presenter.model
    qtbot.waitUntil(lambda: installed.forecast("gemma3:270m") is not None, timeout=10000)
    assert installed.forecast("gemma3:270m").size_source == "installed"
    row = next(r for r, m in enumerate(installed.rows) if m.name == "gemma3:270m")
    assert installed.index(row, 4).data() == "Q4_K_M"


def test_download_is_told_in_words_and_ends_with_its_full_size(qtbot, tab, fake_ollama):
    fake_ollama.state.registry["someone/tiny:v1"] = gemma3_270m().renamed("someone/tiny:v1")
    fake_ollama.pull_step_bytes = 40 * MB
    fake_ollama.pull_step_delay = 0.02
    states: list[str] = []

    def seen(_job) -> None:
        item = tab.downloads.table.item(0, 3)
        if item is not None:
            states.append(item.text())

    tab.model_library.pulls.jobChanged.connect(seen)  # after the page updated its row
    with static_registry(repo="someone/tiny", tag="v1") as (url, _seen):
        tab.library_presenter.settings.set("registry_url", url)
        with qtbot.waitSignal(tab.model_library.pullFinished, timeout=15000) as done:
            tab.request_pull("someone/tiny:v1")  # size unknown: the registry says what it is
    job = done.args[0]
    assert job.state is JobState.DONE
    assert "Downloading the weights, 1 of 4 parts" in states, states
    assert not any("sha256" in s or "pulling " in s for s in states), states
    assert tab.downloads.table.item(0, 3).text() == "Done"
    bar = tab.downloads.table.cellWidget(0, 1)
    assert isinstance(bar, QProgressBar)
    # the server's last progress line stops short of 100 %; done shows the whole size
    assert job.total == RECORDED_SIZE and bar.value() == bar.maximum()
    assert bar.format() == human_bytes(RECORDED_SIZE)


def test_a_catalog_download_names_its_parts_once_the_registry_answers(qtbot, tab, fake_ollama):
    fake_ollama.state.blobs.clear()  # nothing on disk yet: the weights take a while
    fake_ollama.pull_step_bytes = 20 * MB
    fake_ollama.pull_step_delay = 0.05
    states: list[str] = []
    tab.model_library.pulls.jobChanged.connect(
        lambda _j: states.append(tab.downloads.table.item(0, 3).text())
    )
    with static_registry() as (url, seen):  # the recorded gemma3:270m manifest
        tab.library_presenter.settings.set("registry_url", url)
        with qtbot.waitSignal(tab.model_library.pullFinished, timeout=15000) as done:
            tab.request_pull("gemma3:270m")  # its size is in the catalog: no wait for it
    assert done.args[0].state is JobState.DONE
    assert any(p.endswith("/manifests/270m") for p in seen)
    assert "Downloading the weights, 1 of 4 parts" in states, states


def test_a_measured_speed_from_another_source_shows_in_the_speed_column(qtbot, tab):
    bench = {"gemma3:270m": 42.0}
    tab.model_library.add_speed_source(lambda name: bench.get(name.lower()))
    speeds = column(tab, LibraryModel.SPEED_COL)
    names = visible_names(tab)
    assert "measured 42.0" in speeds[names.index("gemma3:270m")]
    bench["gemma3:270m"] = 50.0
    tab.model_library.speeds_changed()
    assert "measured 50.0" in column(tab, LibraryModel.SPEED_COL)[names.index("gemma3:270m")]


def test_a_benchmark_calibration_drives_every_forecast(qtbot, tab):
    from desktop.core.models.calibration import SpeedSample, fit
    from desktop.core.models.estimate import tag_load, work_at

    lib = tab.model_library
    qtbot.waitUntil(lambda: lib.bandwidth.bandwidth is not None, timeout=20000)
    before = lib.forecast("llama3.1:8b").speed
    assert not before.calibrated
    assert column(tab, LibraryModel.SPEED_COL)[visible_names(tab).index("llama3.1:8b")][0] == "~"
    gemma = lib.forecast("gemma3:270m")
    assert gemma is not None
    tag = lib.catalog.find("gemma3:270m")
    assert tag is not None
    work = work_at(tag_load(tag, "Q4_K_M", tag.size), tag.arch, 146)
    cal = fit([SpeedSample("gemma3:270m", work, 60.0)], lib.bandwidth.bandwidth)
    lib.set_calibration_source(lambda: cal)
    after = lib.forecast("llama3.1:8b").speed
    assert after.calibrated and after.basis == ("gemma3:270m",)
    cell = column(tab, LibraryModel.SPEED_COL)[visible_names(tab).index("llama3.1:8b")]
    assert not cell.startswith("~") and "–" in cell
    tip = column(tab, LibraryModel.SPEED_COL, Qt.ItemDataRole.ToolTipRole)[
        visible_names(tab).index("llama3.1:8b")
    ]
    assert "calibrated by this machine's benchmarks of gemma3:270m" in tip


def test_slow_speeds_keep_a_decimal():
    from desktop.core.models.estimate import TagForecast
    from desktop.core.models.forecast import SpeedForecast
    from desktop.ui.models.messages import speed_cell

    def fc(low: float, high: float, calibrated: bool) -> TagForecast:
        speed = SpeedForecast(low, high, 1e9, 1, 2, calibrated, (low * high) ** 0.5)
        return TagForecast("m:1", 1, "Q4_K_M", "catalog", None, speed)  # type: ignore[arg-type]

    assert speed_cell(fc(0.42, 1.31, True), None) == "0.4–1.3"
    assert speed_cell(fc(6.2, 20.4, False), None) == "~6–20"
    assert speed_cell(fc(6.2, 20.4, False), 12.34) == "measured 12.3"
