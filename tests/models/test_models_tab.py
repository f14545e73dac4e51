"""The Models tab as a user meets it, against the fake server."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.services.models.pull_queue import JobState
from desktop.ui.models.item_models import ITEM_ROLE
from tests.answer_box import answer_next_box
from tests.fake_ollama.models import FakeModel, synthetic
from tests.models.conftest import visible_names
from tests.models.registry_server import static_registry

MB = 1 << 20


def test_library_lists_the_catalog_with_forecasts(qtbot, tab):
    assert tab.library_presenter.model.rowCount() >= 60
    qtbot.waitUntil(lambda: tab.model_library.bandwidth.bandwidth is not None, timeout=20000)
    tag = tab.model_library.catalog.find("llama3.1:8b")
    fc = tab.model_library.forecast(tag.full_name)
    assert fc is not None and fc.speed is not None and fc.speed.low > 0
    tab.library.search.setText("qwen3")
    names = visible_names(tab)
    assert names and all("qwen3" in n for n in names)
    tab.library.search.clear()
    tab.library.capability.setCurrentIndex(tab.library.capability.findData("embedding"))
    assert "nomic-embed-text:v1.5" in visible_names(tab)
    assert "llama3.1:8b" not in visible_names(tab)
    tab.library.capability.setCurrentIndex(0)
    tab.library.max_size.setCurrentIndex(tab.library.max_size.findData(1 << 30))
    assert "gemma3:270m" in visible_names(tab) and "qwen3:8b" not in visible_names(tab)


def test_runs_well_filter_and_context_change_the_forecast(qtbot, tab):
    tag = tab.model_library.catalog.find("llama3.1:8b")
    before = tab.model_library.forecast(tag.full_name).memory.kv_cache
    tab.library.context.setValue(8192)
    tab.library.context.editingFinished.emit()
    assert tab.library_presenter.settings.get("models_context") == 8192
    assert tab.model_library.forecast(tag.full_name).memory.kv_cache == 2 * before == 1 << 30
    tab.library.runs_well.setChecked(True)
    for name in visible_names(tab):
        assert tab.model_library.forecast(name).memory.fit.value == "runs_well"


def test_typed_name_is_validated_and_pulled(qtbot, tab, fake_ollama):
    tab.library.pull_name.setText("bad name!")
    assert not tab.library.pull_typed.isEnabled()
    assert tab.library.name_problem.text()
    fake_ollama.pull_step_bytes = 100 * MB
    tab.library.pull_name.setText("qwen3:0.6b")
    assert tab.library.pull_typed.isEnabled()
    with qtbot.waitSignal(tab.model_library.pulls.jobFinished, timeout=15000):
        tab.library.pull_typed.click()
    assert tab.model_library.pulls.jobs[0].state is JobState.DONE
    assert "downloaded" in tab.downloads.note.text()
    qtbot.waitUntil(lambda: tab.installed_presenter.model.rowCount() == 2, timeout=10000)


def test_unknown_tag_shows_the_servers_reason(qtbot, tab):
    with qtbot.waitSignal(tab.model_library.pulls.jobFinished, timeout=15000):
        job = tab.request_pull("qwen2.5:no-such-tag")
    assert job is not None and job.state is JobState.FAILED
    assert "file does not exist" in tab.downloads.table.item(0, 3).text()


def test_delete_asks_first_and_says_what_it_frees(qtbot, tab, fake_ollama):
    tab.installed.table.selectRow(0)
    asked = answer_next_box()  # Enter, by habit: the default keeps the model
    tab.installed.delete.click()
    assert "241.4 MiB" in asked.text and asked.default == "Cancel"
    assert fake_ollama.installed_names() == ["gemma3-270m:latest"]
    answer_next_box(click="Delete")
    tab.installed.delete.click()
    qtbot.waitUntil(lambda: tab.installed_presenter.model.rowCount() == 0, timeout=10000)
    assert fake_ollama.installed_names() == []


def test_details_pane_and_running_models(qtbot, tab, fake_ollama):
    tab.tabs.setCurrentWidget(tab.installed)
    tab.installed.table.selectRow(0)
    qtbot.waitUntil(lambda: "gemma3" in tab.installed.details.toPlainText(), timeout=10000)
    assert "completion" in tab.installed.details.toPlainText()
    task = tab.model_library.ollama.preload("gemma3-270m:latest")
    qtbot.waitUntil(lambda: task.done, timeout=10000)
    qtbot.waitUntil(lambda: tab.installed_presenter.running_model.rowCount() == 1, timeout=10000)
    tab.installed.running.selectRow(0)
    assert tab.installed.unload.isEnabled()
    tab.installed.unload.click()
    qtbot.waitUntil(lambda: tab.installed_presenter.running_model.rowCount() == 0, timeout=10000)
    assert fake_ollama.running_names() == []


def imported_llama(name: str) -> FakeModel:
    """A model the catalog does not know (an imported GGUF): an 8B llama architecture."""
    return synthetic(
        name,
        family="llama",
        arch="llama",
        parameter_size="8.0B",
        parameter_count=8_030_261_248,
        quant="Q4_K_M",
        weights=4_920_734_016,
        block_count=32,
        head_count=32,
        head_count_kv=8,
        embedding_length=4096,
        context_length=131072,
    )


def test_installed_models_outside_the_catalog_get_a_forecast(qtbot, tab, fake_ollama):
    fake_ollama.install(imported_llama("my-import:latest"))
    tab.library.context.setValue(8192)
    tab.library.context.editingFinished.emit()
    tab.model_library.refresh_installed()
    qtbot.waitUntil(
        lambda: tab.installed_presenter.model.forecast("my-import:latest") is not None,
        timeout=10000,
    )
    assert tab.model_library.catalog.find("my-import:latest") is None
    fc = tab.installed_presenter.model.forecast("my-import:latest")
    assert fc.size_source == "installed" and fc.memory.kv_estimated
    assert fc.memory.kv_cache == 1 << 30  # 32 layers x 8 heads x 2 x 128 x 2 B x 8192
    assert fc.memory.weights > 4_920_000_000  # the size on disk, not a catalog figure
    qtbot.waitUntil(lambda: tab.model_library.bandwidth.bandwidth is not None, timeout=20000)
    qtbot.waitUntil(
        lambda: tab.installed_presenter.model.forecast("my-import:latest").speed is not None,
        timeout=5000,
    )
    row = next(
        r for r, m in enumerate(tab.installed_presenter.model.rows) if m.name == "my-import:latest"
    )
    fit_text = tab.installed_presenter.model.index(row, 8).data()
    assert "·" in fit_text and "GiB" in fit_text
    assert "–" in tab.installed_presenter.model.index(row, 9).data()
    assert "On disk" in tab.installed_presenter.model.index(row, 8).data(
        Qt.ItemDataRole.ToolTipRole
    )
    # the details pane says the same
    tab.tabs.setCurrentWidget(tab.installed)
    proxy_row = next(
        r
        for r in range(tab.installed_presenter.proxy.rowCount())
        if tab.installed_presenter.proxy.index(r, 0).data(ITEM_ROLE).name == "my-import:latest"
    )
    tab.installed.table.selectRow(proxy_row)
    qtbot.waitUntil(lambda: "Fits here" in tab.installed.details.toPlainText(), timeout=10000)
    assert "tokens/s" in tab.installed.details.toPlainText()


def test_typed_name_of_unknown_size_is_checked_against_free_disk(qtbot, tab, fake_ollama):
    fake_ollama.state.registry["someone/tiny:v1"] = imported_llama("someone/tiny:v1")
    tab.model_library.pulls.free_disk = lambda: (100 * MB, "/models")
    with static_registry(repo="someone/tiny", tag="v1") as (url, seen):
        tab.library_presenter.settings.set("registry_url", url)
        with qtbot.waitSignal(tab.model_library.pulls.jobFinished, timeout=15000):
            job = tab.request_pull("someone/tiny:v1")
    assert seen and job is not None and job.state is JobState.FAILED
    assert "Not enough disk space" in tab.downloads.table.item(0, 3).text()
    assert "/api/pull" not in fake_ollama.paths_requested()


def test_pull_goes_ahead_when_the_registry_cannot_be_reached(qtbot, tab, fake_ollama):
    fake_ollama.state.registry["someone/tiny:v1"] = imported_llama("someone/tiny:v1")
    fake_ollama.pull_step_bytes = 500 * MB
    fake_ollama.pull_step_delay = 0.05
    tab.model_library.pulls.free_disk = lambda: (100 * MB, "/models")  # ignored: size unknown
    job = tab.request_pull("someone/tiny:v1")  # registry_url is a dead address here
    qtbot.waitUntil(lambda: "not checked" in tab.downloads.table.item(0, 3).text(), timeout=10000)
    assert job is not None
    qtbot.waitUntil(lambda: job.state not in (JobState.RUNNING, JobState.QUEUED), timeout=15000)
    assert job.state is JobState.DONE, job.error
    assert "someone/tiny:v1" in fake_ollama.installed_names()


def test_an_offline_pull_says_the_registry_could_not_be_reached(qtbot, tab, fake_ollama):
    fake_ollama.offline = True  # the server has no route to the registry
    with qtbot.waitSignal(tab.model_library.pullFinished, timeout=15000):
        tab.request_pull("qwen3:0.6b")
    state = tab.downloads.table.item(0, 3).text()
    assert "could not reach the registry registry.ollama.ai" in state
    assert "Retry continues" in state
