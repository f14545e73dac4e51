<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ja">
<context>
    <name>ChatTab</name>
    <message>
        <source>Chat with a model running on this computer.</source>
        <translation>このコンピューターで動くモデルとチャットします。</translation>
    </message>
</context>
</TS>