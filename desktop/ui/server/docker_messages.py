"""The Docker page's sentences: what is missing or went wrong, and how to get it on this OS.
Docker's own words never stand alone: they go under "Details"."""

from __future__ import annotations

import getpass
import platform

from PySide6.QtCore import QObject

from desktop.core.setup.docker_text import DockerProblem, InstallWay


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "$USER"


def sentences(first: str, second: str) -> str:
    """Two sentences in a row: a space after a Latin full stop, none after "。"."""
    return first + ("" if first.endswith(("。", "）")) else " ") + second


class DockerMessages(QObject):
    def docker_install(self, way: InstallWay) -> str:
        texts = {
            InstallWay.DEBIAN: self.tr(
                "Docker is not installed: install it with sudo apt install docker.io."
            ),
            InstallWay.UBUNTU: self.tr(
                "Docker is not installed: install it with sudo apt install docker.io."
            ),
            InstallWay.FEDORA: self.tr(
                "Docker is not installed: install it with sudo dnf install moby-engine."
            ),
            InstallWay.ARCH: self.tr(
                "Docker is not installed: install it with sudo pacman -S docker."
            ),
            InstallWay.DESKTOP: self.tr(
                "Docker is not installed: install Docker Desktop from docker.com."
            ),
            InstallWay.OTHER: self.tr(
                "Docker is not installed: install your system's Docker package."
            ),
        }
        return texts[way]

    def compose_missing(self, way: InstallWay) -> str:
        texts = {
            InstallWay.DEBIAN: self.tr(
                "Docker Compose is missing (neither docker compose nor docker-compose answers): "
                "install it with sudo apt install docker-compose."
            ),
            InstallWay.UBUNTU: self.tr(
                "Docker Compose is missing (neither docker compose nor docker-compose answers): "
                "install it with sudo apt install docker-compose-v2."
            ),
            InstallWay.FEDORA: self.tr(
                "Docker Compose is missing (neither docker compose nor docker-compose answers): "
                "install it with sudo dnf install docker-compose."
            ),
            InstallWay.ARCH: self.tr(
                "Docker Compose is missing (neither docker compose nor docker-compose answers): "
                "install it with sudo pacman -S docker-compose."
            ),
            InstallWay.DESKTOP: self.tr(
                "Docker Compose is missing (neither docker compose nor docker-compose answers): "
                "Docker Desktop includes it, so update or reinstall Docker Desktop."
            ),
            InstallWay.OTHER: self.tr(
                "Docker Compose is missing (neither docker compose nor docker-compose answers): "
                "install your system's docker-compose package."
            ),
        }
        return texts[way]

    def engine_problem(self, problem: DockerProblem, way: InstallWay) -> str:
        """Why the engine cannot be used, and what to do, in one or two sentences."""
        if problem is DockerProblem.NOT_INSTALLED:
            return self.docker_install(way)
        if problem is DockerProblem.PERMISSION:
            if way is InstallWay.DESKTOP:
                return self.tr(
                    "Docker refused access to its engine (permission denied): start Docker "
                    "Desktop as your own user and try again."
                )
            return self.tr(
                "You may not use Docker's engine (permission denied on its socket): join the "
                "docker group with sudo usermod -aG docker {user}, then log out and back in."
            ).format(user=_user())
        if problem is DockerProblem.ENGINE_DOWN:
            if way is InstallWay.DESKTOP:
                return self.tr(
                    "Docker is installed, but its engine is not running: start Docker Desktop."
                )
            return self.tr(
                "Docker is installed, but its engine is not running: start it with "
                "sudo systemctl start docker."
            )
        if problem is DockerProblem.TIMEOUT:
            return self.tr("Docker did not answer in time. Is its engine starting or stuck?")
        return self.tr("Docker's engine cannot be used. Details below say what it answered.")

    def action_failed(
        self, action: str, problem: DockerProblem, way: InstallWay, tag: str, port: int, name: str
    ) -> str:
        """A failed start / stop / remove, as a sentence (the CLI's words go to Details)."""
        if problem is DockerProblem.NO_COMPOSE:
            return self.compose_missing(way)
        if problem is DockerProblem.PORT_IN_USE:
            return self.tr(
                "Port {port} is already in use, so the container could not start; nothing was "
                "left behind. Choose another port, or leave it on automatic."
            ).format(port=port)
        if problem is DockerProblem.IMAGE_MISSING:
            return self.tr(
                "The image ollama/ollama:{tag} is not on this computer and could not be "
                "downloaded: check the network, or choose a version this Docker already has."
            ).format(tag=tag)
        if problem is DockerProblem.NAME_IN_USE:
            return self.tr(
                "A container named {name} already exists and was not made by this compose file: "
                "remove or rename it (docker rm {name}), then start again."
            ).format(name=name)
        if problem in (
            DockerProblem.PERMISSION,
            DockerProblem.ENGINE_DOWN,
            DockerProblem.NOT_INSTALLED,
            DockerProblem.TIMEOUT,
        ):
            return self.engine_problem(problem, way)
        texts = {
            "up": self.tr("The container could not be started; nothing was left behind."),
            "stop": self.tr("The container could not be stopped."),
            "down": self.tr("The container could not be removed."),
        }
        return sentences(
            texts.get(action, self.tr("Docker could not do that.")),
            self.tr("Details below say what Docker answered."),
        )

    def why_docker(self, system: str | None = None) -> str:
        """Native or Docker: on Linux there is no VM between them; Docker Desktop has one."""
        if (system or platform.system()) == "Linux":
            return self.tr(
                "On Linux, Docker runs Ollama without a virtual machine: it is as fast as native "
                "Ollama, within the noise of a measurement (the Benchmark tab compares both). "
                "Use Docker if you already run your services there."
            )
        return self.tr(
            "Native Ollama is usually faster on a laptop (often 5–15 %): Docker Desktop "
            "(Windows, macOS) runs Ollama inside a virtual machine with only part of your CPUs "
            "and memory, and cannot use the GPU on macOS. Use Docker if you already run your "
            "services there."
        )
