"""Chat services: history in sqlite, the machine monitor, energy meter, chat sessions."""
