"""The "Servers and installs" list: what detection found, Use selected, Uninstall selected,
and servers the user adds by address."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QTreeWidgetItem

from desktop.core.hosts import HostError, parse_ollama_host
from desktop.core.setup.platforms import parse_version, version_key
from desktop.services.server.probe import DetectionReport
from desktop.services.server.setup import ServerSetup
from desktop.services.settings_store import SettingsStore
from desktop.ui.common.confirm import confirm_destructive
from desktop.ui.common.messages import host_error_message
from desktop.ui.server.docker_panel import DockerPanel
from desktop.ui.server.server_view import ServerView

ROLE = Qt.ItemDataRole.UserRole


class FoundPresenter(QObject):
    def __init__(
        self,
        view: ServerView,
        setup: ServerSetup,
        settings: SettingsStore,
        docker: DockerPanel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.view, self.setup, self.settings, self.docker = view, setup, settings, docker
        self._connect_callbacks()

    def _connect_callbacks(self) -> None:
        v, s = self.view, self.setup
        s.detected.connect(self.show_detection)
        s.busyChanged.connect(self.update_buttons)
        s.managedChanged.connect(self.update_buttons)
        v.use_button.clicked.connect(self.use_selected)
        v.uninstall_button.clicked.connect(self.uninstall_selected)
        v.profile_button.clicked.connect(self.add_profile)
        v.profile_edit.returnPressed.connect(self.add_profile)
        v.profile_edit.textChanged.connect(lambda _t: v.profile_problem.hide())
        v.found_list.itemSelectionChanged.connect(self.update_buttons)

    def _selected(self) -> tuple[str, str, str | None, bool] | None:
        item = self.view.found_list.currentItem()
        data: tuple[str, str, str | None, bool] | None = (
            item.data(0, ROLE) if item is not None else None
        )
        return data or None

    def update_buttons(self, *_args: object) -> None:
        data = self._selected()
        self.view.use_button.setEnabled(bool(data))
        self.view.uninstall_button.setEnabled(
            data is not None and data[0] == "install" and bool(data[3]) and not self.setup.busy
        )

    def show_detection(self, report: DetectionReport) -> None:
        tree = self.view.found_list
        tree.clear()
        current = self.setup.ollama.host.base_url
        for s in report.servers:
            where = s.display + ("" if s.loopback else self.tr(" (another computer)"))
            state = self.tr("answering") if s.answering else self.tr("not answering")
            if s.url == current:
                state += self.tr(" — in use")
            kind = {"docker": self.tr("Server (Docker)"), "profile": self.tr("Server (added)")}.get(
                s.source, self.tr("Server")
            )
            item = QTreeWidgetItem([kind, s.version or "", where, state])
            item.setData(0, ROLE, ("server", s.url, s.version, False))
            tree.addTopLevelItem(item)
        chosen = self.setup.chosen_binary()
        for i in report.installs:
            kind = self.tr("Installed by Ollama Desk") if i.app_made else self.tr("Installed")
            if i.cpu_only:
                kind += self.tr(" (CPU only)")
            state = self.tr("chosen") if chosen is not None and str(chosen) == i.path else ""
            item = QTreeWidgetItem([kind, i.version or "?", i.path, state])
            item.setData(0, ROLE, ("install", i.path, i.version, i.app_made))
            tree.addTopLevelItem(item)
        for c in report.docker.containers:
            if not c.running:
                item = QTreeWidgetItem(
                    [self.tr("Docker container"), c.tag, c.name, self.tr("stopped")]
                )
                tree.addTopLevelItem(item)
        if tree.topLevelItemCount() == 0:
            nothing = self.tr("No Ollama on this computer yet: install it below.")
            tree.addTopLevelItem(QTreeWidgetItem([self.tr("Nothing found"), "", nothing, ""]))
        for col in (0, 1, 3):
            tree.resizeColumnToContents(col)
        known = [
            v
            for v in [i.version for i in report.installs] + [srv.version for srv in report.servers]
            if v and parse_version(v)
        ]
        if known and not self.docker.latest_version:
            # pin Docker to a version this user already runs until a release lookup says more
            self.docker.set_latest_version(max(known, key=version_key))
        self.update_buttons()

    def use_selected(self) -> None:
        data = self._selected()
        if not data:
            return
        if data[0] == "server":
            self.setup.use_server(str(data[1]))
        else:
            self.setup.use_binary(Path(str(data[1])))
        self.setup.detect()

    def uninstall_selected(self) -> None:
        data = self._selected()
        if not (data and data[0] == "install" and data[3] and data[2]):
            return
        if confirm_destructive(
            self.view,
            self.tr("Uninstall Ollama"),
            self.tr(
                "Uninstall Ollama {0}, installed by Ollama Desk? Its program files are "
                "deleted; your models are kept, and it can be installed again here."
            ).format(data[2]),
            self.tr("Uninstall"),
        ):
            self.setup.uninstall(str(data[2]))

    def add_profile(self) -> None:
        text = self.view.profile_edit.text().strip()
        if not text:
            return
        try:
            url = parse_ollama_host(text).base_url
        except HostError as e:
            self.view.profile_problem.setText(host_error_message(e))
            self.view.profile_problem.show()
            return
        profiles = [p for p in self.settings.text("server_host_profiles").split(",") if p]
        if url not in profiles:
            profiles.append(url)
            self.settings.set("server_host_profiles", ",".join(profiles))
        self.view.profile_edit.clear()
        self.setup.detect()
