"""The chat feature's services: history, streaming session, conversations, system monitor
(built together in app.py as ``bundle.ChatServices``). Kept empty so that importing one
Qt-free module of this package (e.g. energy_meter for the bench CLI) does not load Qt."""
