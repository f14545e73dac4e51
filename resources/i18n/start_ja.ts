<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>StartHerePresenter</name>
    <message>
        <source>Start here</source>
        <translation>ここから始める</translation>
    </message>
    <message>
        <source>Chat with an AI model that runs entirely on this computer: nothing you type leaves it. We picked a model that suits this machine; one click sets up everything that is missing.</source>
        <translation>このコンピューターの中だけで動く AI モデルと会話できます。入力した内容は外に出ません。このマシンに合うモデルを選びました。足りないものはワンクリックですべて準備します。</translation>
    </message>
    <message>
        <source>Working out which model suits this computer…</source>
        <translation>このコンピューターに合うモデルを調べています…</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Choose another model in the Models tab</source>
        <translation>「モデル」タブでほかのモデルを選ぶ</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>今はしない</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>Import a GGUF file…</source>
        <translation>GGUF ファイルを取り込む…</translation>
    </message>
    <message>
        <source>A model file downloaded earlier, e.g. for LM Studio or Jan.</source>
        <translation>以前にダウンロードしたモデルファイル（LM Studio や Jan 用など）。</translation>
    </message>
    <message>
        <source>Download from another registry…</source>
        <translation>ほかのレジストリからダウンロード…</translation>
    </message>
    <message>
        <source>A registry on your network or a mirror, e.g. registry.example.com.</source>
        <translation>ネットワーク内のレジストリやミラー（例: registry.example.com）。</translation>
    </message>
    <message>
        <source>Use another server…</source>
        <translation>ほかのサーバーを使う…</translation>
    </message>
    <message>
        <source>An Ollama on another computer that already has models.</source>
        <translation>モデルがすでに入っている、ほかのコンピューターの Ollama。</translation>
    </message>
    <message>
        <source>Start chatting</source>
        <translation>チャットを始める</translation>
    </message>
    <message>
        <source>memory speed {bw:.0f} GB/s</source>
        <translation>メモリ速度 {bw:.0f} GB/s</translation>
    </message>
    <message>
        <source>memory speed not measured</source>
        <translation>メモリ速度は未測定</translation>
    </message>
    <message>
        <source>This computer: {free} of {total} memory free, {bw}.</source>
        <translation>このコンピューター: メモリ {total} のうち {free} が空き、{bw}。</translation>
    </message>
    <message>
        <source>Speeds are estimates until this computer is measured (Benchmark tab).</source>
        <translation>速度は、このコンピューターを測定するまでは推定値です（「ベンチマーク」タブ）。</translation>
    </message>
    <message>
        <source>No chat model fits in the free memory. Close some programs and try again, or choose a model in the Models tab.</source>
        <translation>空きメモリに収まるチャットモデルがありません。ほかのプログラムを閉じてからやり直すか、「モデル」タブでモデルを選んでください。</translation>
    </message>
    <message>
        <source>Recommended: {name}</source>
        <translation>おすすめ: {name}</translation>
    </message>
    <message>
        <source>Faster: {name}</source>
        <translation>より速い: {name}</translation>
    </message>
    <message>
        <source>Smarter: {name}</source>
        <translation>より賢い: {name}</translation>
    </message>
    <message>
        <source>Could not work out a recommendation ({reason}). Choose a model in the Models tab.</source>
        <translation>おすすめを決められませんでした ({reason})。「モデル」タブでモデルを選んでください。</translation>
    </message>
    <message>
        <source>about {speed:.0f} tok/s ({low:.0f}–{high:.0f})</source>
        <translation>約 {speed:.0f} トークン/秒（{low:.0f}–{high:.0f}）</translation>
    </message>
    <message>
        <source>speed unknown</source>
        <translation>速度は不明</translation>
    </message>
    <message>
        <source>Download {size} · needs {memory} of memory · {speed}</source>
        <translation>ダウンロード {size} · 必要メモリ {memory} · {speed}</translation>
    </message>
    <message>
        <source>Chat with {name}</source>
        <translation>{name} とチャットする</translation>
    </message>
    <message>
        <source>The most capable model that answers faster than you can read on this computer.</source>
        <translation>このコンピューターで、読むより速く答えられる中で最も賢いモデルです。</translation>
    </message>
    <message>
        <source>The fastest model for this computer; answers will come slower than you read.</source>
        <translation>このコンピューターで最も速いモデルです。答えは読む速さより遅く出ます。</translation>
    </message>
    <message>
        <source>About {x:.1f}× as fast; good for quick questions, knows less.</source>
        <translation>約 {x:.1f} 倍速く、ちょっとした質問に向きますが、知識は少なめです。</translation>
    </message>
    <message>
        <source>Knows more and reasons better, but slower, and needs most of the free memory.</source>
        <translation>知識も推論力も上ですが、遅く、空きメモリの大半を使います。</translation>
    </message>
    <message>
        <source>Knows more and reasons better, but answers slower than you read here.</source>
        <translation>知識も推論力も上ですが、このコンピューターでは読む速さより遅く答えます。</translation>
    </message>
    <message>
        <source>Get {name} and start chatting</source>
        <translation>{name} を入手してチャットを始める</translation>
    </message>
    <message>
        <source>Ollama is installed</source>
        <translation>Ollama はインストール済み</translation>
    </message>
    <message>
        <source>Install Ollama</source>
        <translation>Ollama をインストール</translation>
    </message>
    <message>
        <source>Ollama is running</source>
        <translation>Ollama は実行中</translation>
    </message>
    <message>
        <source>Start Ollama</source>
        <translation>Ollama を起動</translation>
    </message>
    <message>
        <source>{name} is downloaded</source>
        <translation>{name} はダウンロード済み</translation>
    </message>
    <message>
        <source>Download {name}</source>
        <translation>{name} をダウンロード</translation>
    </message>
    <message>
        <source>Chat is open</source>
        <translation>チャットを開きました</translation>
    </message>
    <message>
        <source>Open a new chat</source>
        <translation>新しいチャットを開く</translation>
    </message>
    <message>
        <source>This computer seems to be offline: Ollama could not find the model library ({host}) on the network. Retry once it is online, or use one of the ways below that work without the internet.</source>
        <translation>このコンピューターはオフラインのようです。Ollama がネットワーク上でモデルライブラリ ({host}) を見つけられませんでした。オンラインになってから再試行するか、インターネットなしで使える下の方法をお使いください。</translation>
    </message>
    <message>
        <source>The model library ({host}) did not answer: it may be down, or a firewall or proxy blocks it. Retry later, or use one of the ways below.</source>
        <translation>モデルライブラリ ({host}) から応答がありませんでした。停止しているか、ファイアウォールやプロキシーに遮られている可能性があります。しばらくしてから再試行するか、下の方法をお使いください。</translation>
    </message>
    <message>
        <source>Free some space and Retry, or use a server on another computer:</source>
        <translation>空き容量を増やしてから再試行するか、ほかのコンピューターのサーバーをお使いください:</translation>
    </message>
    <message>
        <source>Other ways to get a model (they work offline, too):</source>
        <translation>モデルを入手するほかの方法（オフラインでも使えます）:</translation>
    </message>
    <message>
        <source>{name} is installed now: ready to chat.</source>
        <translation>{name} がインストールされました。チャットを始められます。</translation>
    </message>
    <message>
        <source>{name} is installed now: ready to chat. (You can still get {wanted} later in the Models tab.)</source>
        <translation>{name} がインストールされました。チャットを始められます。（{wanted} は、あとで「モデル」タブから入手できます。）</translation>
    </message>
    <message>
        <source>already there</source>
        <translation>すでにあります</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>続ける</translation>
    </message>
    <message>
        <source>Stopped. Continue picks up where it stopped.</source>
        <translation>中止しました。「続ける」で止まったところから再開します。</translation>
    </message>
    <message>
        <source>{done} of {total}</source>
        <translation>{done} / {total}</translation>
    </message>
    <message>
        <source>Ollama could not be installed.</source>
        <translation>Ollama をインストールできませんでした。</translation>
    </message>
    <message>
        <source>Ollama did not start.</source>
        <translation>Ollama が起動しませんでした。</translation>
    </message>
    <message>
        <source>The model could not be downloaded.</source>
        <translation>モデルをダウンロードできませんでした。</translation>
    </message>
    <message>
        <source>The chat could not be opened.</source>
        <translation>チャットを開けませんでした。</translation>
    </message>
    <message>
        <source>The download was interrupted. What was downloaded is kept; Retry continues it.</source>
        <translation>ダウンロードが中断されました。ダウンロード済みの部分は残っています。再試行すると続きから再開します。</translation>
    </message>
    <message>
        <source>The model library does not have {name}. Choose another model in the Models tab.</source>
        <translation>モデルライブラリに {name} がありません。「モデル」タブでほかのモデルを選んでください。</translation>
    </message>
</context>
</TS>
