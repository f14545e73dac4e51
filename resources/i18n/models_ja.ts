<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ja">
<context>
    <name>ModelsTab</name>
    <message>
        <source>Models installed on the server, and models to get.</source>
        <translation>サーバーにあるモデルと、入手できるモデル。</translation>
    </message>
</context>
</TS>