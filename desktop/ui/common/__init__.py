"""Small pieces every tab uses (formatting for people)."""
