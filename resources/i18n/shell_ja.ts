<?xml version='1.0' encoding='utf-8'?>
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
        <source>That is not a valid model name ({detail}). Use letters, digits, '.', '-' and '_', like llama3.2:3b.</source>
        <translation>有効なモデル名ではありません（{detail}）。英数字と「.」「-」「_」を使ってください（例: llama3.2:3b）。</translation>
    </message>
    <message>
        <source>Invalid blob digest: {detail}</source>
        <translation>無効なブロブのダイジェスト: {detail}</translation>
    </message>
    <message>
        <source>Model not found: {detail}. Download it from the Models tab.</source>
        <translation>モデルが見つかりません: {detail}。「モデル」タブからダウンロードしてください。</translation>
    </message>
    <message>
        <source>Ollama refused the request: {detail}</source>
        <translation>Ollama がリクエストを拒否しました: {detail}</translation>
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
        <source>Ollama reported an internal error: {detail}</source>
        <translation>Ollama で内部エラーが発生しました: {detail}</translation>
    </message>
    <message>
        <source>Ollama stopped with an error: {detail}</source>
        <translation>Ollama がエラーで停止しました: {detail}</translation>
    </message>
    <message>
        <source>The answer from Ollama ended before it was complete.</source>
        <translation>Ollama の応答が完了する前に途切れました。</translation>
    </message>
    <message>
        <source>Ollama sent something this app cannot read: {detail}</source>
        <translation>Ollama から読み取れないデータが届きました: {detail}</translation>
    </message>
    <message>
        <source>Ollama's answer arrived broken (its HTTP framing is not valid), so the app stopped reading it. The server did not stop. Try again; if it keeps happening, something between this app and Ollama (a proxy) may be changing the answer.</source>
        <translation>Ollama からの応答が壊れていた（HTTP の区切りが正しくなかった）ため、読み取りを中止しました。サーバーは停止していません。もう一度お試しください。繰り返し起きる場合は、このアプリと Ollama の間にあるもの（プロキシなど）が応答を書き換えている可能性があります。</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>停止しました。</translation>
    </message>
    <message>
        <source>Could not read or write a file: {detail}</source>
        <translation>ファイルを読み書きできませんでした: {detail}</translation>
    </message>
    <message>
        <source>Unexpected error: {detail}</source>
        <translation>予期しないエラー: {detail}</translation>
    </message>
    <message>
        <source>the configured address</source>
        <translation>設定されたアドレス</translation>
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