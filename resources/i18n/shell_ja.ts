<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Ollama Desk</source>
        <translation>Ollama Desk について</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>バージョン {version}</translation>
    </message>
    <message>
        <source>Run a private local language model with Ollama. Ollama Desk is free software under the MIT licence.</source>
        <translation>Ollama を使って、プライベートな言語モデルをこのコンピューターで動かします。Ollama Desk は MIT ライセンスのフリーソフトウェアです。</translation>
    </message>
    <message>
        <source>Ollama Desk includes these components:</source>
        <translation>Ollama Desk には次のコンポーネントが含まれています:</translation>
    </message>
    <message>
        <source>Ollama server: version {version} at {host}</source>
        <translation>Ollama サーバー: バージョン {version}（{host}）</translation>
    </message>
    <message>
        <source>Ollama server: checking {host}…</source>
        <translation>Ollama サーバー: {host} を確認中…</translation>
    </message>
    <message>
        <source>Ollama server: not connected ({host})</source>
        <translation>Ollama サーバー: 未接続（{host}）</translation>
    </message>
</context>
<context>
    <name>BoundedText</name>
    <message>
        <source>Details…</source>
        <translation>詳細…</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
</context>
<context>
    <name>ConnectionStatus</name>
    <message>
        <source>Retry</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>Start Ollama</source>
        <translation>Ollama を起動</translation>
    </message>
    <message>
        <source>Choose another server…</source>
        <translation>別のサーバーを選ぶ…</translation>
    </message>
    <message>
        <source>Connected to Ollama {version} at {host}</source>
        <translation>Ollama {version} に接続中（{host}）</translation>
    </message>
    <message>
        <source>Looking for Ollama at {host}…</source>
        <translation>{host} で Ollama を探しています…</translation>
    </message>
    <message>
        <source>Ollama not found on this computer</source>
        <translation>このコンピューターに Ollama が見つかりません</translation>
    </message>
    <message>
        <source>Install Ollama…</source>
        <translation>Ollama をインストール…</translation>
    </message>
    <message>
        <source>Ollama stopped answering at {host}</source>
        <translation>{host} の Ollama が応答しなくなりました</translation>
    </message>
    <message>
        <source>Ollama is not running at {host}</source>
        <translation>{host} で Ollama が起動していません</translation>
    </message>
    <message>
        <source>Something at {host} answers, but not like Ollama</source>
        <translation>{host} から応答がありますが、Ollama ではありません</translation>
    </message>
    <message>
        <source>Server settings…</source>
        <translation>サーバー設定…</translation>
    </message>
</context>
<context>
    <name>DetailsDialog</name>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Ollama is not running at {host}. The status bar below offers what can be done: try again, start or install Ollama, or choose another server.</source>
        <translation>{host} で Ollama が起動していません。下のステータスバーから、再試行、Ollama の起動やインストール、別のサーバーの選択ができます。</translation>
    </message>
    <message>
        <source>Ollama did not answer in time. It may be busy loading a model; try again.</source>
        <translation>Ollama が時間内に応答しませんでした。モデルを読み込み中かもしれません。もう一度お試しください。</translation>
    </message>
    <message>
        <source>The connection to Ollama was lost. Was the server stopped or restarted?</source>
        <translation>Ollama との接続が切れました。サーバーが停止または再起動されませんでしたか？</translation>
    </message>
    <message>
        <source>That is not a valid model name ({detail}). Use letters, digits, &apos;.&apos;, &apos;-&apos; and &apos;_&apos;, like llama3.2:3b.</source>
        <translation>有効なモデル名ではありません（{detail}）。英数字と「.」「-」「_」を使ってください（例: llama3.2:3b）。</translation>
    </message>
    <message>
        <source>Ollama refused the connection (403). Check the host address.</source>
        <translation>Ollama が接続を拒否しました（403）。ホストのアドレスを確認してください。</translation>
    </message>
    <message>
        <source>Ollama is busy with too many requests. Try again in a moment.</source>
        <translation>Ollama は多数のリクエストを処理中です。しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>The answer from Ollama ended before it was complete.</source>
        <translation>Ollama の応答が完了する前に途切れました。</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>停止しました。</translation>
    </message>
    <message>
        <source>A downloaded file did not match its checksum, so it was not used. Try the download again.</source>
        <translation>ダウンロードしたファイルがチェックサムと一致しなかったため、使用しませんでした。もう一度ダウンロードしてください。</translation>
    </message>
    <message>
        <source>Ollama does not have this model. Download it from the Models tab.</source>
        <translation>Ollama にこのモデルがありません。「モデル」タブからダウンロードしてください。</translation>
    </message>
    <message>
        <source>Ollama refused the request. Check the chat&apos;s settings (or the model&apos;s), then try again.</source>
        <translation>Ollama がリクエストを受け付けませんでした。チャット（またはモデル）の設定を確認してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Ollama ran into an error of its own. Try again; if it happens again, restarting Ollama often helps.</source>
        <translation>Ollama 内部でエラーが発生しました。もう一度お試しください。繰り返し起きる場合は、Ollama を再起動すると直ることがよくあります。</translation>
    </message>
    <message>
        <source>Ollama stopped with an error. Try again; if it happens again, restarting Ollama often helps.</source>
        <translation>Ollama がエラーで停止しました。もう一度お試しください。繰り返し起きる場合は、Ollama を再起動すると直ることがよくあります。</translation>
    </message>
    <message>
        <source>Ollama&apos;s answer arrived broken (a part of it is not valid data), so the app stopped reading it. Try again; if it keeps happening, something between this app and Ollama (a proxy) may be changing the answer.</source>
        <translation>Ollama からの応答が壊れていた（一部が正しいデータではなかった）ため、読み取りを中止しました。もう一度お試しください。繰り返し起きる場合は、このアプリと Ollama の間にあるもの（プロキシなど）が応答を書き換えている可能性があります。</translation>
    </message>
    <message>
        <source>Ollama&apos;s answer arrived broken (its HTTP framing is not valid), so the app stopped reading it. The server did not stop. Try again; if it keeps happening, something between this app and Ollama (a proxy) may be changing the answer.</source>
        <translation>Ollama からの応答が壊れていた（HTTP の区切りが正しくなかった）ため、読み取りを中止しました。サーバーは停止していません。もう一度お試しください。繰り返し起きる場合は、このアプリと Ollama の間にあるもの（プロキシなど）が応答を書き換えている可能性があります。</translation>
    </message>
    <message>
        <source>A file could not be read or written. Check that the disk is not full and that the file is yours to use, then try again.</source>
        <translation>ファイルを読み書きできませんでした。ディスクに空きがあること、そのファイルを使う権限があることを確認してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Something unexpected went wrong. Try again; the Details say what happened.</source>
        <translation>予期しない問題が発生しました。もう一度お試しください。何が起きたかは「詳細」で確認できます。</translation>
    </message>
    <message>
        <source>This model cannot read images. Remove the images, or choose a model that can see them (one with “vision” among its abilities).</source>
        <translation>このモデルは画像を読み取れません。画像を外すか、画像を扱えるモデル（機能に「vision」があるもの）を選んでください。</translation>
    </message>
    <message>
        <source>The disk where Ollama keeps its models is full. Free some space (for example by deleting models you no longer use), then try again.</source>
        <translation>Ollama がモデルを保存しているディスクがいっぱいです。空き容量を増やしてから（使わなくなったモデルを削除するなど）、もう一度お試しください。</translation>
    </message>
    <message>
        <source>This model needs more memory than this computer has free. Close other programs, or choose a smaller model (the Models tab shows what fits).</source>
        <translation>このモデルには、このコンピューターの空きメモリより多くのメモリが必要です。ほかのプログラムを閉じるか、より小さいモデルを選んでください（「モデル」タブで収まるモデルを確認できます）。</translation>
    </message>
    <message>
        <source>The model stopped unexpectedly while it was working. This often means the computer ran out of memory: close other programs or choose a smaller model, then try again.</source>
        <translation>モデルが処理中に予期せず停止しました。多くの場合、コンピューターのメモリ不足が原因です。ほかのプログラムを閉じるか、より小さいモデルを選んでから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Ollama cannot download from this registry: the registry sends the model&apos;s files itself, and Ollama only accepts registries that redirect it to them (a known Ollama limitation). Download from registry.ollama.ai or a registry set up to redirect, or get the model&apos;s GGUF file and use “Import GGUF file…” in the Models tab.</source>
        <translation>このレジストリからは Ollama でダウンロードできません。このレジストリはモデルのファイルを直接送ってきますが、Ollama はファイルの場所へ転送（リダイレクト）するレジストリにしか対応していません（Ollama の既知の制限です）。registry.ollama.ai かリダイレクトするよう設定されたレジストリからダウンロードするか、モデルの GGUF ファイルを入手して「モデル」タブの「GGUF ファイルを取り込む…」を使ってください。</translation>
    </message>
    <message>
        <source>Ollama could not reach the registry {registry}: there is no network, or the registry is down. What was downloaded is kept; Retry continues from there. Without a network, a GGUF file can be added with “Import GGUF file…” in the Models tab.</source>
        <translation>Ollama がレジストリ {registry} に接続できませんでした。ネットワークに接続されていないか、レジストリが停止しています。ダウンロード済みの部分は保持され、「再試行」でその続きから再開します。ネットワークがなくても、「モデル」タブの「GGUF ファイルを取り込む…」で GGUF ファイルを追加できます。</translation>
    </message>
    <message>
        <source>This registry uses plain HTTP, and Ollama asked it for HTTPS. Tick “It uses plain HTTP” and download again.</source>
        <translation>このレジストリは暗号化なしの HTTP を使っていますが、Ollama は HTTPS で接続しようとしました。「暗号化なしの HTTP を使う」にチェックを入れて、もう一度ダウンロードしてください。</translation>
    </message>
    <message>
        <source>the configured address</source>
        <translation>設定されたアドレス</translation>
    </message>
    <message>
        <source>of the model</source>
        <translation>（モデルの配布元）</translation>
    </message>
    <message>
        <source>The model {model} cannot read images. Remove the images, or choose a model that can see them (one with “vision” among its abilities).</source>
        <translation>モデル {model} は画像を読み取れません。画像を外すか、画像を扱えるモデル（機能に「vision」があるもの）を選んでください。</translation>
    </message>
    <message>
        <source>Ollama said: “{reason}”</source>
        <translation>Ollama からのメッセージ: 「{reason}」</translation>
    </message>
    <message>
        <source>The system said: “{reason}”</source>
        <translation>システムからのメッセージ: 「{reason}」</translation>
    </message>
    <message>
        <source>The server address {value} cannot be used: only http:// and https:// work.</source>
        <translation>サーバーのアドレス {value} は使えません: 使えるのは http:// と https:// だけです。</translation>
    </message>
    <message>
        <source>The server address {value} cannot be used: Ollama takes no user name or password in the address.</source>
        <translation>サーバーのアドレス {value} は使えません: Ollama のアドレスにはユーザー名やパスワードを含められません。</translation>
    </message>
    <message>
        <source>The server address {value} cannot be used: it contains spaces or characters that are not allowed in a computer name.</source>
        <translation>サーバーのアドレス {value} は使えません: 空白や、コンピューター名に使えない文字が含まれています。</translation>
    </message>
    <message>
        <source>The server address {value} cannot be used: it contains characters that are not allowed in an address (such as ? or #).</source>
        <translation>サーバーのアドレス {value} は使えません: アドレスに使えない文字 (? や # など) が含まれています。</translation>
    </message>
    <message>
        <source>(given with --host)</source>
        <translation>(--host で指定)</translation>
    </message>
    <message>
        <source>(the saved server address)</source>
        <translation>(保存されたサーバーのアドレス)</translation>
    </message>
    <message>
        <source>(from the OLLAMA_HOST variable)</source>
        <translation>(環境変数 OLLAMA_HOST から)</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>{s} s</source>
        <translation>{s} 秒</translation>
    </message>
    <message>
        <source>{m} min {s} s</source>
        <translation>{m} 分 {s} 秒</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h} 時間 {m} 分</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Chat</source>
        <translation>チャット</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>About Ollama Desk</source>
        <translation>Ollama Desk について</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>Import GGUF…</source>
        <translation>GGUF ファイルを取り込む…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外観</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>システムの設定に合わせる</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>ライト</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>ダーク</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Dismiss</source>
        <translation>閉じる</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <source>Your settings file {path} could not be read ({reason}), so Ollama Desk started with the default settings.</source>
        <translation>設定ファイル {path} を読み込めなかったため（{reason}）、Ollama Desk は既定の設定で起動しました。</translation>
    </message>
    <message>
        <source>Some settings in {path} had values Ollama Desk cannot use; these are back to their defaults: {which}.</source>
        <translation>{path} の一部の設定に Ollama Desk が使えない値があったため、既定値に戻しました: {which}。</translation>
    </message>
    <message>
        <source>The file as it was is kept at {copy}.</source>
        <translation>元のファイルは {copy} に保存してあります。</translation>
    </message>
    <message>
        <source>A copy of the file as it was could not be kept.</source>
        <translation>元のファイルのコピーを保存できませんでした。</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Ollama Desk is already running with {folder}: its window is in front.</source>
        <translation>Ollama Desk は {folder} の設定ですでに起動しています。そのウィンドウを前面に表示しました。</translation>
    </message>
    <message>
        <source>Ollama Desk is already running with {folder} (process {pid} holds {file}) but does not answer. Close it (or end it) and start again.</source>
        <translation>Ollama Desk は {folder} の設定ですでに起動していますが（プロセス {pid} が {file} を使用中）、応答がありません。それを閉じる（または終了させる）と、もう一度起動できます。</translation>
    </message>
    <message>
        <source>Ollama Desk is already running with {folder} (another process holds {file}) but does not answer. Close it (or end it) and start again.</source>
        <translation>Ollama Desk は {folder} の設定ですでに起動していますが（別のプロセスが {file} を使用中）、応答がありません。それを閉じる（または終了させる）と、もう一度起動できます。</translation>
    </message>
    <message>
        <source>Ollama Desk cannot start: {file} is a link to another place, not the lock file the app makes. Remove it, then start the app again.</source>
        <translation>Ollama Desk を起動できません。{file} は別の場所へのリンクで、このアプリが作るロックファイルではありません。これを削除してから、もう一度起動してください。</translation>
    </message>
    <message>
        <source>Ollama Desk cannot start: {file} is not a plain file (it is a folder or a special file), so the app cannot use it as its lock. Remove it, then start the app again.</source>
        <translation>Ollama Desk を起動できません。{file} は通常のファイルではない（フォルダーまたは特殊なファイル）ため、ロックとして使えません。これを削除してから、もう一度起動してください。</translation>
    </message>
    <message>
        <source>Ollama Desk cannot start: {file} is also another file (a hard link), so the app will not write to it. Remove it, then start the app again.</source>
        <translation>Ollama Desk を起動できません。{file} は別のファイルと同じ実体（ハードリンク）のため、このアプリは書き込みません。これを削除してから、もう一度起動してください。</translation>
    </message>
    <message>
        <source>Ollama Desk cannot start: {file} belongs to another user ({owner}) and cannot be opened. Remove it (this may need an administrator), then start the app again.</source>
        <translation>Ollama Desk を起動できません。{file} は別のユーザー（{owner}）のもので、開けません。これを削除してから（管理者の権限が必要な場合があります）、もう一度起動してください。</translation>
    </message>
    <message>
        <source>Ollama Desk cannot start: its lock file {file} cannot be used ({detail}). Check that the folder can be written, then start the app again.</source>
        <translation>Ollama Desk を起動できません。ロックファイル {file} を使えません（{detail}）。フォルダーに書き込めることを確認してから、もう一度起動してください。</translation>
    </message>
</context>
</TS>
