"""The QProcess that runs ``ollama serve`` (never a shell): its program (through the tie to
the app's life, child_tie.py), folder, environment and merged output."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment

from desktop.core.setup.server_env import ServerOptions, server_env
from desktop.services.server.child_tie import ChildTie


def serve_process(
    parent: QObject, program: Path, folder: Path, options: ServerOptions, tie: ChildTie
) -> QProcess:
    """A QProcess ready to start ``program serve`` in ``folder``: the app's environment
    with the server's settings in it (server_env)."""
    proc = QProcess(parent)
    command, args = tie.command(str(program), ["serve"])
    proc.setProgram(command)
    proc.setArguments(args)
    proc.setWorkingDirectory(str(folder))
    env = QProcessEnvironment()
    for k, v in server_env(options, os.environ).items():
        env.insert(k, v)
    proc.setProcessEnvironment(env)
    proc.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
    return proc
