<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ja">
<context>
    <name>ServerTab</name>
    <message>
        <source>Ollama {version} is running at {host}.</source>
        <translation>Ollama {version} が {host} で動作中です。</translation>
    </message>
    <message>
        <source>No Ollama server answers at {host}.</source>
        <translation>{host} で応答する Ollama サーバーがありません。</translation>
    </message>
</context>
</TS>