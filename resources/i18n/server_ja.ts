<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ja">
<context>
    <name>DockerPanel</name>
    <message>
        <source>Native Ollama is usually faster on a laptop: Docker Desktop (Windows, macOS) runs Ollama inside a virtual machine with only part of your CPUs and memory, and cannot use the GPU on macOS. Use Docker if you already run your services there.</source>
        <translation>ノートPCでは通常、ネイティブの Ollama の方が高速です。Docker Desktop（Windows・macOS）は Ollama を仮想マシンの中で動かすため CPU とメモリの一部しか使えず、macOS では GPU も使えません。すでにサービスを Docker で運用している場合に Docker をお使いください。</translation>
    </message>
    <message>
        <source>Docker not checked yet.</source>
        <translation>Docker はまだ確認していません。</translation>
    </message>
    <message>
        <source>Check Docker</source>
        <translation>Docker を確認</translation>
    </message>
    <message>
        <source>Write compose file</source>
        <translation>compose ファイルを書き出す</translation>
    </message>
    <message>
        <source>Start container</source>
        <translation>コンテナを起動</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Remove container</source>
        <translation>コンテナを削除</translation>
    </message>
    <message>
        <source>Use this server</source>
        <translation>このサーバーを使う</translation>
    </message>
    <message>
        <source># Choose an Ollama version to pin (found automatically once the latest release is known).</source>
        <translation># 固定する Ollama のバージョンを選んでください（最新リリースが分かれば自動で入ります）。</translation>
    </message>
    <message>
        <source>Written to {path}. Ports are published on 127.0.0.1 only.</source>
        <translation>{path} に書き出しました。ポートは 127.0.0.1 にのみ公開されます。</translation>
    </message>
    <message>
        <source>Running docker…</source>
        <translation>docker を実行中…</translation>
    </message>
    <message>
        <source>docker compose {action}: done.</source>
        <translation>docker compose {action}: 完了しました。</translation>
    </message>
    <message>
        <source>Docker reported a problem. The Details show what it said.</source>
        <translation>Docker が問題を報告しました。Docker からのメッセージは「詳細」で確認できます。</translation>
    </message>
    <message>
        <source>Docker is not installed.</source>
        <translation>Docker はインストールされていません。</translation>
    </message>
    <message>
        <source>Docker is installed, but its engine is not running.</source>
        <translation>Docker はインストールされていますが、エンジンが動いていません。</translation>
    </message>
    <message>
        <source>Docker engine {v}: {cpus} CPUs, {mem} memory.</source>
        <translation>Docker エンジン {v}: CPU {cpus} 個、メモリ {mem}。</translation>
    </message>
    <message>
        <source>Container {name} ({image}): {state}, {url}</source>
        <translation>コンテナ {name}（{image}）: {state}、{url}</translation>
    </message>
    <message>
        <source>running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>停止中</translation>
    </message>
    <message>
        <source>no published port</source>
        <translation>公開ポートなし</translation>
    </message>
    <message>
        <source> — WARNING: published on all network interfaces, without a password.</source>
        <translation> — 警告: パスワードなしで全ネットワークインターフェースに公開されています。</translation>
    </message>
    <message>
        <source>Docker may use only {cpus} CPUs and {mem} of this computer's {hcpus} CPUs and {hmem}. Models will be slower or may not fit; raise the limits in Docker's settings.</source>
        <translation>Docker が使えるのは、このコンピューターの CPU {hcpus} 個・{hmem} のうち CPU {cpus} 個・{mem} だけです。モデルが遅くなったり収まらなかったりします。Docker の設定で上限を引き上げてください。</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Set up Ollama</source>
        <translation>Ollama のセットアップ</translation>
    </message>
    <message>
        <source>CPU only: leave out GPU libraries (smaller)</source>
        <translation>CPU のみ: GPU ライブラリを入れない（小さくなります）</translation>
    </message>
    <message>
        <source>Looking for Ollama…</source>
        <translation>Ollama を探しています…</translation>
    </message>
    <message>
        <source>Checking this computer for a running server or an installed Ollama.</source>
        <translation>このコンピューターで動いているサーバーやインストール済みの Ollama を確認しています。</translation>
    </message>
    <message>
        <source>Ollama {version} is already running</source>
        <translation>Ollama {version} はすでに動いています</translation>
    </message>
    <message>
        <source>A server answers at {host}. The app will use it; nothing needs to be installed.</source>
        <translation>{host} でサーバーが応答しています。アプリはこれを使います。インストールは不要です。</translation>
    </message>
    <message>
        <source>Use it</source>
        <translation>これを使う</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Ollama is installed but not running</source>
        <translation>Ollama はインストールされていますが、動いていません</translation>
    </message>
    <message>
        <source>Found {path}. Start it now? It runs only while you need it and listens on this computer only.</source>
        <translation>{path} が見つかりました。今すぐ起動しますか？ 必要な間だけ動き、このコンピューターからの接続だけを受け付けます。</translation>
    </message>
    <message>
        <source>Start Ollama</source>
        <translation>Ollama を起動</translation>
    </message>
    <message>
        <source>Install another copy</source>
        <translation>別にインストールする</translation>
    </message>
    <message>
        <source>Ollama is not installed</source>
        <translation>Ollama はインストールされていません</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>今はしない</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>Installing Ollama…</source>
        <translation>Ollama をインストールしています…</translation>
    </message>
    <message>
        <source>Ollama Desk can download the latest official release, check its SHA-256 checksum, and install it for you only, in the app's folder. No administrator rights; nothing else on the system changes. The download size is shown as soon as it starts.</source>
        <translation>Ollama Desk が最新の公式リリースをダウンロードし、SHA-256 チェックサムを確認してから、アプリのフォルダーにあなた専用としてインストールします。管理者権限は不要で、システムの他の部分は変わりません。ダウンロードサイズは開始と同時に表示されます。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Ollama was not installed</source>
        <translation>Ollama はインストールされませんでした</translation>
    </message>
    <message>
        <source>Starting Ollama…</source>
        <translation>Ollama を起動しています…</translation>
    </message>
    <message>
        <source>Ollama did not start</source>
        <translation>Ollama が起動しませんでした</translation>
    </message>
    <message>
        <source>Ollama {version} is running</source>
        <translation>Ollama {version} が動いています</translation>
    </message>
    <message>
        <source>The server answers at {url}. Next, pick a model in the Models tab.</source>
        <translation>サーバーは {url} で応答しています。次に「モデル」タブでモデルを選んでください。</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Install Ollama</source>
        <translation>Ollama をインストール</translation>
    </message>
</context>
<context>
    <name>FoundPresenter</name>
    <message>
        <source> (another computer)</source>
        <translation>（別のコンピューター）</translation>
    </message>
    <message>
        <source>answering</source>
        <translation>応答あり</translation>
    </message>
    <message>
        <source>not answering</source>
        <translation>応答なし</translation>
    </message>
    <message>
        <source> — in use</source>
        <translation> — 使用中</translation>
    </message>
    <message>
        <source>Server (Docker)</source>
        <translation>サーバー（Docker）</translation>
    </message>
    <message>
        <source>Server (added)</source>
        <translation>サーバー（追加）</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <source>Installed by Ollama Desk</source>
        <translation>Ollama Desk がインストール</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>インストール済み</translation>
    </message>
    <message>
        <source> (CPU only)</source>
        <translation>（CPU のみ）</translation>
    </message>
    <message>
        <source>chosen</source>
        <translation>選択中</translation>
    </message>
    <message>
        <source>Docker container</source>
        <translation>Docker コンテナ</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>停止中</translation>
    </message>
    <message>
        <source>No Ollama on this computer yet: install it below.</source>
        <translation>このコンピューターにはまだ Ollama がありません。下からインストールしてください。</translation>
    </message>
    <message>
        <source>Nothing found</source>
        <translation>見つかりません</translation>
    </message>
</context>
<context>
    <name>InstallPresenter</name>
    <message>
        <source>Click Look again to check for the latest release.</source>
        <translation>「再検出」を押すと最新リリースを確認します。</translation>
    </message>
    <message>
        <source>Latest release: Ollama {version} ({size} download).</source>
        <translation>最新リリース: Ollama {version}（ダウンロード {size}）。</translation>
    </message>
    <message>
        <source>CPU only leaves out the GPU libraries (CUDA, ROCm, Vulkan), usually several GB once unpacked.</source>
        <translation>「CPU のみ」では GPU ライブラリ（CUDA・ROCm・Vulkan）を入れません。展開後で通常数 GB の節約になります。</translation>
    </message>
    <message>
        <source>Update to {version}</source>
        <translation>{version} に更新</translation>
    </message>
    <message>
        <source>Ollama release archive</source>
        <translation>Ollama のリリースアーカイブ</translation>
    </message>
    <message>
        <source>Ollama archives (*.tar.zst *.tgz *.zip)</source>
        <translation>Ollama アーカイブ (*.tar.zst *.tgz *.zip)</translation>
    </message>
    <message>
        <source>Its sha256sum.txt (Cancel to skip the check)</source>
        <translation>対応する sha256sum.txt（キャンセルで確認を省略）</translation>
    </message>
    <message>
        <source>Warning: without sha256sum.txt the file cannot be checked against what Ollama published. Install only files you downloaded yourself from github.com/ollama/ollama.</source>
        <translation>警告: sha256sum.txt がないと、Ollama が公開したファイルと同じか確認できません。github.com/ollama/ollama から自分でダウンロードしたファイルだけをインストールしてください。</translation>
    </message>
    <message>
        <source>Ollama {version} is installed in {path}.</source>
        <translation>Ollama {version} を {path} にインストールしました。</translation>
    </message>
    <message>
        <source>CPU only saved {size} of disk.</source>
        <translation>「CPU のみ」でディスクを {size} 節約しました。</translation>
    </message>
    <message>
        <source>(Not verified: no checksum file was given.)</source>
        <translation>（未検証: チェックサムファイルが指定されませんでした。）</translation>
    </message>
</context>
<context>
    <name>LogView</name>
    <message>
        <source>Search the log (Enter: next match)</source>
        <translation>ログを検索（Enter: 次の一致）</translation>
    </message>
    <message>
        <source>Copy all</source>
        <translation>すべてコピー</translation>
    </message>
    <message>
        <source>{n} matches</source>
        <translation>{n} 件一致</translation>
    </message>
</context>
<context>
    <name>ServerMessages</name>
    <message>
        <source>Cancelled. Nothing was installed.</source>
        <translation>キャンセルしました。何もインストールされていません。</translation>
    </message>
    <message>
        <source>No network: the release server {detail} could not be found. Check the internet connection, or install from a file you downloaded elsewhere.</source>
        <translation>ネットワークに接続できません: リリースサーバー {detail} が見つかりませんでした。インターネット接続を確認するか、別の場所でダウンロードしたファイルからインストールしてください。</translation>
    </message>
    <message>
        <source>The release server {detail} refused the connection. Try again later.</source>
        <translation>リリースサーバー {detail} が接続を拒否しました。しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>The checksum list has no entry for {detail}, so it cannot be verified. Nothing was installed.</source>
        <translation>チェックサム一覧に {detail} がないため確認できません。何もインストールされていません。</translation>
    </message>
    <message>
        <source>The disk is full. Free some space and try again. Nothing was installed.</source>
        <translation>ディスクがいっぱいです。空き容量を作ってから再試行してください。何もインストールされていません。</translation>
    </message>
    <message>
        <source>The download was interrupted. What was downloaded is kept: Install again to resume.</source>
        <translation>ダウンロードが中断されました。ダウンロード済みの部分は残してあります。もう一度「インストール」を押すと続きから再開します。</translation>
    </message>
    <message>
        <source>The release server answered with an error. Try again later; the Details show its answer.</source>
        <translation>リリースサーバーがエラーを返しました。しばらくしてからもう一度お試しください。サーバーの応答は「詳細」で確認できます。</translation>
    </message>
    <message>
        <source>The release information could not be read. Try again later, or install from a file you downloaded elsewhere.</source>
        <translation>リリース情報を読み取れませんでした。しばらくしてからもう一度お試しいただくか、別の方法でダウンロードしたファイルからインストールしてください。</translation>
    </message>
    <message>
        <source>The downloaded file is not the one Ollama published (checksum mismatch). It was deleted and nothing was unpacked.</source>
        <translation>ダウンロードしたファイルは Ollama が公開したものと一致しません（チェックサム不一致）。ファイルは削除し、何も展開していません。</translation>
    </message>
    <message>
        <source>The archive tries to write outside its folder and was refused. Nothing was installed.</source>
        <translation>アーカイブがフォルダーの外に書き込もうとしたため拒否しました。何もインストールされていません。</translation>
    </message>
    <message>
        <source>The archive is damaged or not an Ollama release. Nothing was installed.</source>
        <translation>アーカイブが壊れているか、Ollama のリリースではありません。何もインストールされていません。</translation>
    </message>
    <message>
        <source>A file could not be written. Check that the disk is not full and that the folder is yours to use, then try again.</source>
        <translation>ファイルを書き込めませんでした。ディスクに空きがあること、そのフォルダーを使う権限があることを確認してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was installed; a partial download is kept so the next try resumes.</source>
        <translation>キャンセルしました。何もインストールされていません。途中までのダウンロードは残してあるので、次回は続きから再開します。</translation>
    </message>
    <message>
        <source>Ollama does not publish a build for this computer ({detail}).</source>
        <translation>Ollama はこのコンピューター向けのビルドを公開していません（{detail}）。</translation>
    </message>
    <message>
        <source>Ollama {detail} is already installed.</source>
        <translation>Ollama {detail} はすでにインストールされています。</translation>
    </message>
    <message>
        <source>The unpacked program does not run on this computer. Nothing was installed.</source>
        <translation>展開したプログラムがこのコンピューターで動きません。何もインストールされていません。</translation>
    </message>
    <message>
        <source>Only installs made by Ollama Desk can be removed here.</source>
        <translation>ここで削除できるのは Ollama Desk がインストールしたものだけです。</translation>
    </message>
    <message>
        <source>The server stopped unexpectedly (exit code {code}).</source>
        <translation>サーバーが予期せず停止しました（終了コード {code}）。</translation>
    </message>
    <message>
        <source>Another program already uses {address}. Close it, or choose another port in the settings.</source>
        <translation>{address} はすでに別のプログラムが使っています。そのプログラムを閉じるか、設定で別のポートを選んでください。</translation>
    </message>
    <message>
        <source>Ollama could not start: a system library is missing.</source>
        <translation>Ollama を起動できません: システムのライブラリが不足しています。</translation>
    </message>
    <message>
        <source>The server ran out of memory (or was killed). Try a smaller model or a shorter context length.</source>
        <translation>サーバーのメモリが足りなくなりました（または強制終了されました）。小さいモデルか短いコンテキスト長を試してください。</translation>
    </message>
    <message>
        <source>Ollama was not allowed to start (permission denied).</source>
        <translation>Ollama の起動が許可されませんでした（アクセス拒否）。</translation>
    </message>
    <message>
        <source>The Ollama program could not be started.</source>
        <translation>Ollama のプログラムを起動できませんでした。</translation>
    </message>
    <message>
        <source>Downloading {done} of {total}</source>
        <translation>ダウンロード中 {done} / {total}</translation>
    </message>
    <message>
        <source>Downloading {done}</source>
        <translation>ダウンロード中 {done}</translation>
    </message>
    <message>
        <source> — {speed}/s</source>
        <translation> — {speed}/秒</translation>
    </message>
    <message>
        <source>, {eta} left</source>
        <translation>、残り {eta}</translation>
    </message>
    <message>
        <source> (resumed at {at})</source>
        <translation>（{at} から再開）</translation>
    </message>
    <message>
        <source>Looking up the release…</source>
        <translation>リリースを確認しています…</translation>
    </message>
    <message>
        <source>Fetching checksums…</source>
        <translation>チェックサムを取得しています…</translation>
    </message>
    <message>
        <source>Verifying the SHA-256 checksum…</source>
        <translation>SHA-256 チェックサムを検証しています…</translation>
    </message>
    <message>
        <source>Unpacking…</source>
        <translation>展開しています…</translation>
    </message>
    <message>
        <source>Checking that the program runs…</source>
        <translation>プログラムが動くか確認しています…</translation>
    </message>
    <message>
        <source>Installed.</source>
        <translation>インストールしました。</translation>
    </message>
</context>
<context>
    <name>ServerSettings</name>
    <message>
        <source>Models folder</source>
        <translation>モデルのフォルダー</translation>
    </message>
    <message>
        <source>Where downloaded models are stored. Empty: Ollama's default (~/.ollama/models).</source>
        <translation>ダウンロードしたモデルの保存先。空欄: Ollama の既定（~/.ollama/models）。</translation>
    </message>
    <message>
        <source>Keep model loaded</source>
        <translation>モデルを読み込んだままにする時間</translation>
    </message>
    <message>
        <source>How long a model stays in memory after the last message: 5m, 1h, or -1 for ever.</source>
        <translation>最後のメッセージの後、モデルをメモリに残す時間: 5m、1h、-1 で無期限。</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>コンテキスト長</translation>
    </message>
    <message>
        <source>Tokens the model sees at once. 4096 suits a laptop; more needs more memory. 0 lets Ollama decide.</source>
        <translation>モデルが一度に見るトークン数。ノートPCには 4096 が適当で、増やすほどメモリを使います。0 で Ollama に任せます。</translation>
    </message>
    <message>
        <source>Parallel requests</source>
        <translation>同時リクエスト数</translation>
    </message>
    <message>
        <source>Answers computed at the same time. Keep 1 on a CPU: each one multiplies the context memory.</source>
        <translation>同時に計算する回答の数。CPU では 1 のままに。1 つ増えるごとにコンテキストのメモリが倍増します。</translation>
    </message>
    <message>
        <source>Models in memory</source>
        <translation>メモリ上のモデル数</translation>
    </message>
    <message>
        <source>How many models may stay loaded at once. 1 keeps memory use predictable.</source>
        <translation>同時に読み込んでおけるモデルの数。1 ならメモリ使用量を予測しやすくなります。</translation>
    </message>
    <message>
        <source>Flash attention</source>
        <translation>Flash Attention</translation>
    </message>
    <message>
        <source>Faster and smaller attention. Needed for a compressed context cache.</source>
        <translation>より速く省メモリな attention。圧縮したコンテキストキャッシュに必要です。</translation>
    </message>
    <message>
        <source>Context cache precision</source>
        <translation>コンテキストキャッシュの精度</translation>
    </message>
    <message>
        <source>q8_0 halves the memory of the context with little quality loss; f16 is exact.</source>
        <translation>q8_0 は品質をほとんど落とさずにコンテキストのメモリを半分にします。f16 は劣化なしです。</translation>
    </message>
    <message>
        <source>Keep partial downloads</source>
        <translation>途中までのダウンロードを残す</translation>
    </message>
    <message>
        <source>Interrupted model downloads survive a server restart and resume.</source>
        <translation>中断したモデルのダウンロードがサーバーの再起動後も残り、続きから再開します。</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>ポート</translation>
    </message>
    <message>
        <source>The app's own server listens on 127.0.0.1 at this port.</source>
        <translation>アプリのサーバーは 127.0.0.1 のこのポートで待ち受けます。</translation>
    </message>
</context>
<context>
    <name>ServerView</name>
    <message>
        <source>Server</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>起動</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>再起動</translation>
    </message>
    <message>
        <source>Setup assistant…</source>
        <translation>セットアップアシスタント…</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>再検出</translation>
    </message>
    <message>
        <source>Look for servers and installs again, and ask the release server for the latest Ollama.</source>
        <translation>サーバーとインストールを探し直し、リリースサーバーに最新の Ollama を問い合わせます。</translation>
    </message>
    <message>
        <source>Ollama servers and installs found on this computer. Pick the one the app uses.</source>
        <translation>このコンピューターで見つかった Ollama のサーバーとインストールです。アプリが使うものを選んでください。</translation>
    </message>
    <message>
        <source>What</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>バージョン</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>場所</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Use selected</source>
        <translation>選択したものを使う</translation>
    </message>
    <message>
        <source>Uninstall selected</source>
        <translation>選択したものをアンインストール</translation>
    </message>
    <message>
        <source>Add a server, e.g. 192.168.1.20:11434</source>
        <translation>サーバーを追加（例: 192.168.1.20:11434）</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>Install Ollama for this user (no administrator rights)</source>
        <translation>このユーザー用に Ollama をインストール（管理者権限不要）</translation>
    </message>
    <message>
        <source>latest</source>
        <translation>最新</translation>
    </message>
    <message>
        <source>CPU only (leave out GPU libraries)</source>
        <translation>CPU のみ（GPU ライブラリを入れない）</translation>
    </message>
    <message>
        <source>Install</source>
        <translation>インストール</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Install from a file…</source>
        <translation>ファイルからインストール…</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>バージョン:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Servers and installs</source>
        <translation>サーバーとインストール</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>ログ</translation>
    </message>
    <message>
        <source>Docker</source>
        <translation>Docker</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <source>Let other computers on my network use this server</source>
        <translation>ネットワーク上の他のコンピューターにこのサーバーの利用を許可する</translation>
    </message>
    <message>
        <source>Warning: Ollama's API has no password. Anyone who can reach this computer on the network could use your models, download new ones, delete them, or fill your disk. Only do this on a network you trust, ideally behind a proxy with a password.</source>
        <translation>警告: Ollama の API にはパスワードがありません。ネットワークでこのコンピューターに届く人なら誰でも、モデルを使う・新しくダウンロードする・削除する・ディスクを埋めることができます。信頼できるネットワークでだけ、できればパスワード付きのプロキシの後ろで使ってください。</translation>
    </message>
    <message>
        <source>Expose to the network</source>
        <translation>ネットワークに公開する</translation>
    </message>
    <message>
        <source>Keep it private</source>
        <translation>非公開のままにする</translation>
    </message>
    <message>
        <source>On</source>
        <translation>オン</translation>
    </message>
    <message>
        <source>Use a duration like 5m, 1h or -1.</source>
        <translation>5m・1h・-1 のような期間を入力してください。</translation>
    </message>
    <message>
        <source>Exposed: the server listens on all network interfaces (0.0.0.0) with no password.</source>
        <translation>公開中: サーバーはパスワードなしで全ネットワークインターフェース（0.0.0.0）で待ち受けています。</translation>
    </message>
    <message>
        <source>Private: only this computer can reach the server (127.0.0.1).</source>
        <translation>非公開: このコンピューターからだけサーバーに接続できます（127.0.0.1）。</translation>
    </message>
</context>
<context>
    <name>StatusPresenter</name>
    <message>
        <source>No Ollama program found: install it first.</source>
        <translation>Ollama のプログラムが見つかりません。先にインストールしてください。</translation>
    </message>
    <message>
        <source>Ollama {version} is running at {url} (started by this app).</source>
        <translation>Ollama {version} が {url} で動いています（このアプリが起動）。</translation>
    </message>
    <message>
        <source>Ollama {version} was already running at {url}; the app uses it.</source>
        <translation>Ollama {version} はすでに {url} で動いていたので、アプリはそれを使います。</translation>
    </message>
    <message>
        <source>Using Ollama {version} at {url}.</source>
        <translation>{url} の Ollama {version} を使用中です。</translation>
    </message>
    <message>
        <source>Looking for Ollama at {url}…</source>
        <translation>{url} で Ollama を探しています…</translation>
    </message>
    <message>
        <source>Starting Ollama…</source>
        <translation>Ollama を起動しています…</translation>
    </message>
    <message>
        <source>Stopping Ollama…</source>
        <translation>Ollama を停止しています…</translation>
    </message>
    <message>
        <source>Ollama stopped unexpectedly.</source>
        <translation>Ollama が予期せず停止しました。</translation>
    </message>
    <message>
        <source>Something at {url} answers, but not like Ollama.</source>
        <translation>{url} から応答がありますが、Ollama ではありません。</translation>
    </message>
    <message>
        <source>No Ollama server answers at {url}, and no Ollama is installed yet.</source>
        <translation>{url} で応答する Ollama サーバーはなく、Ollama もまだインストールされていません。</translation>
    </message>
    <message>
        <source>Ollama stopped answering at {url}.</source>
        <translation>{url} の Ollama が応答しなくなりました。</translation>
    </message>
    <message>
        <source>No Ollama server answers at {url}.</source>
        <translation>{url} で応答する Ollama サーバーがありません。</translation>
    </message>
    <message>
        <source>Program: {path}</source>
        <translation>プログラム: {path}</translation>
    </message>
    <message>
        <source>Start the app's own server, or pick another server below.</source>
        <translation>アプリのサーバーを起動するか、下の一覧から別のサーバーを選んでください。</translation>
    </message>
    <message>
        <source>Install Ollama below, or add a server that runs elsewhere.</source>
        <translation>下で Ollama をインストールするか、別の場所で動いているサーバーを追加してください。</translation>
    </message>
</context>
</TS>