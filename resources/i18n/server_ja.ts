<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>DockerMessages</name>
    <message>
        <source>Docker is not installed: install it with sudo apt install docker.io.</source>
        <translation>Docker がインストールされていません。sudo apt install docker.io でインストールしてください。</translation>
    </message>
    <message>
        <source>Docker is not installed: install it with sudo dnf install moby-engine.</source>
        <translation>Docker がインストールされていません。sudo dnf install moby-engine でインストールしてください。</translation>
    </message>
    <message>
        <source>Docker is not installed: install it with sudo pacman -S docker.</source>
        <translation>Docker がインストールされていません。sudo pacman -S docker でインストールしてください。</translation>
    </message>
    <message>
        <source>Docker is not installed: install Docker Desktop from docker.com.</source>
        <translation>Docker がインストールされていません。docker.com から Docker Desktop をインストールしてください。</translation>
    </message>
    <message>
        <source>Docker is not installed: install your system&apos;s Docker package.</source>
        <translation>Docker がインストールされていません。お使いのシステムの Docker パッケージをインストールしてください。</translation>
    </message>
    <message>
        <source>Docker Compose is missing (neither docker compose nor docker-compose answers): install it with sudo apt install docker-compose.</source>
        <translation>Docker Compose がありません（docker compose も docker-compose も応答しません）。sudo apt install docker-compose でインストールしてください。</translation>
    </message>
    <message>
        <source>Docker Compose is missing (neither docker compose nor docker-compose answers): install it with sudo apt install docker-compose-v2.</source>
        <translation>Docker Compose がありません（docker compose も docker-compose も応答しません）。sudo apt install docker-compose-v2 でインストールしてください。</translation>
    </message>
    <message>
        <source>Docker Compose is missing (neither docker compose nor docker-compose answers): install it with sudo dnf install docker-compose.</source>
        <translation>Docker Compose がありません（docker compose も docker-compose も応答しません）。sudo dnf install docker-compose でインストールしてください。</translation>
    </message>
    <message>
        <source>Docker Compose is missing (neither docker compose nor docker-compose answers): install it with sudo pacman -S docker-compose.</source>
        <translation>Docker Compose がありません（docker compose も docker-compose も応答しません）。sudo pacman -S docker-compose でインストールしてください。</translation>
    </message>
    <message>
        <source>Docker Compose is missing (neither docker compose nor docker-compose answers): Docker Desktop includes it, so update or reinstall Docker Desktop.</source>
        <translation>Docker Compose がありません（docker compose も docker-compose も応答しません）。Docker Desktop に含まれているので、Docker Desktop を更新するか入れ直してください。</translation>
    </message>
    <message>
        <source>Docker Compose is missing (neither docker compose nor docker-compose answers): install your system&apos;s docker-compose package.</source>
        <translation>Docker Compose がありません（docker compose も docker-compose も応答しません）。お使いのシステムの docker-compose パッケージをインストールしてください。</translation>
    </message>
    <message>
        <source>Docker refused access to its engine (permission denied): start Docker Desktop as your own user and try again.</source>
        <translation>Docker がエンジンへのアクセスを拒否しました（permission denied）。ご自身のユーザーで Docker Desktop を起動してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>You may not use Docker&apos;s engine (permission denied on its socket): join the docker group with sudo usermod -aG docker {user}, then log out and back in.</source>
        <translation>Docker のエンジンを使う権限がありません（ソケットで permission denied）。sudo usermod -aG docker {user} で docker グループに参加し、いったんログアウトしてからログインし直してください。</translation>
    </message>
    <message>
        <source>Docker is installed, but its engine is not running: start Docker Desktop.</source>
        <translation>Docker はインストールされていますが、エンジンが動いていません。Docker Desktop を起動してください。</translation>
    </message>
    <message>
        <source>Docker is installed, but its engine is not running: start it with sudo systemctl start docker.</source>
        <translation>Docker はインストールされていますが、エンジンが動いていません。sudo systemctl start docker で起動してください。</translation>
    </message>
    <message>
        <source>Docker did not answer in time. Is its engine starting or stuck?</source>
        <translation>Docker が時間内に応答しませんでした。エンジンが起動中か、止まっていないか確認してください。</translation>
    </message>
    <message>
        <source>Docker&apos;s engine cannot be used. Details below say what it answered.</source>
        <translation>Docker のエンジンを使えません。Docker の応答は下の「詳細」にあります。</translation>
    </message>
    <message>
        <source>Port {port} is already in use, so the container could not start; nothing was left behind. Choose another port, or leave it on automatic.</source>
        <translation>ポート {port} はすでに使われているため、コンテナを起動できませんでした（作りかけのものは残っていません）。別のポートを選ぶか、自動のままにしてください。</translation>
    </message>
    <message>
        <source>The image ollama/ollama:{tag} is not on this computer and could not be downloaded: check the network, or choose a version this Docker already has.</source>
        <translation>イメージ ollama/ollama:{tag} はこのコンピューターになく、ダウンロードもできませんでした。ネットワークを確認するか、この Docker にすでにあるバージョンを選んでください。</translation>
    </message>
    <message>
        <source>A container named {name} already exists and was not made by this compose file: remove or rename it (docker rm {name}), then start again.</source>
        <translation>{name} という名前のコンテナがすでにあり、この compose ファイルで作られたものではありません。削除するか名前を変えてから（docker rm {name}）、もう一度起動してください。</translation>
    </message>
    <message>
        <source>The container could not be started; nothing was left behind.</source>
        <translation>コンテナを起動できませんでした（作りかけのものは残っていません）。</translation>
    </message>
    <message>
        <source>The container could not be stopped.</source>
        <translation>コンテナを停止できませんでした。</translation>
    </message>
    <message>
        <source>The container could not be removed.</source>
        <translation>コンテナを削除できませんでした。</translation>
    </message>
    <message>
        <source>Docker could not do that.</source>
        <translation>Docker はその操作を実行できませんでした。</translation>
    </message>
    <message>
        <source>Details below say what Docker answered.</source>
        <translation>Docker の応答は下の「詳細」にあります。</translation>
    </message>
    <message>
        <source>On Linux, Docker runs Ollama without a virtual machine: it is as fast as native Ollama, within the noise of a measurement (the Benchmark tab compares both). Use Docker if you already run your services there.</source>
        <translation>Linux では Docker は仮想マシンを使わずに Ollama を動かすため、速さはネイティブの Ollama と測定のばらつきの範囲で変わりません（ベンチマークタブで両方を比較できます）。すでに Docker でサービスを動かしている場合にお使いください。</translation>
    </message>
    <message>
        <source>Native Ollama is usually faster on a laptop (often 5–15 %): Docker Desktop (Windows, macOS) runs Ollama inside a virtual machine with only part of your CPUs and memory, and cannot use the GPU on macOS. Use Docker if you already run your services there.</source>
        <translation>ノートパソコンでは通常ネイティブの Ollama のほうが速くなります（多くの場合 5～15 %）。Docker Desktop（Windows、macOS）は Ollama を仮想マシンの中で動かし、CPU とメモリの一部しか使えず、macOS では GPU も使えません。すでに Docker でサービスを動かしている場合にお使いください。</translation>
    </message>
</context>
<context>
    <name>DockerPanel</name>
    <message>
        <source>Docker not checked yet.</source>
        <translation>Docker はまだ確認していません。</translation>
    </message>
    <message>
        <source>Written to {path}. Ports are published on 127.0.0.1 only.</source>
        <translation>{path} に書き出しました。ポートは 127.0.0.1 にのみ公開されます。</translation>
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
        <source>Starting the container…</source>
        <translation>コンテナを起動しています…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>停止しています…</translation>
    </message>
    <message>
        <source>Removing…</source>
        <translation>削除しています…</translation>
    </message>
    <message>
        <source># Choose an Ollama version: a version like 0.12.3, or latest.</source>
        <translation># Ollama のバージョンを選んでください（0.12.3 のようなバージョン、または latest）。</translation>
    </message>
    <message>
        <source>Choose an Ollama version: a version like 0.12.3, or latest.</source>
        <translation>Ollama のバージョンを選んでください（0.12.3 のようなバージョン、または latest）。</translation>
    </message>
    <message>
        <source>The compose file could not be written.</source>
        <translation>compose ファイルを書き出せませんでした。</translation>
    </message>
    <message>
        <source>The container is running: Ollama answers at {url}.</source>
        <translation>コンテナが動いています。Ollama は {url} で応答します。</translation>
    </message>
    <message>
        <source>The container is running, but Ollama does not answer at {url} yet: check again in a moment (its log: docker logs {name}).</source>
        <translation>コンテナは動いていますが、{url} の Ollama はまだ応答しません。少し待ってからもう一度確認してください（ログ: docker logs {name}）。</translation>
    </message>
    <message>
        <source>Port {wanted} was in use, so the container uses port {port}.</source>
        <translation>ポート {wanted} は使用中だったため、コンテナはポート {port} を使います。</translation>
    </message>
    <message>
        <source>The container is stopped; its models are kept. Start container runs it again.</source>
        <translation>コンテナを停止しました。モデルは残っています。「コンテナを起動」で再び動かせます。</translation>
    </message>
    <message>
        <source>The container is removed; its models are kept in Docker&apos;s volume.</source>
        <translation>コンテナを削除しました。モデルは Docker のボリュームに残っています。</translation>
    </message>
    <message>
        <source>Docker cannot be used here yet.</source>
        <translation>この環境ではまだ Docker を使えません。</translation>
    </message>
    <message>
        <source>Compose {version} ({command}).</source>
        <translation>Compose {version}（{command}）。</translation>
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
        <source>No Ollama container yet.</source>
        <translation>Ollama のコンテナはまだありません。</translation>
    </message>
    <message>
        <source>Docker may use only {cpus} CPUs and {mem} of this computer&apos;s {hcpus} CPUs and {hmem}. Models will be slower or may not fit; raise the limits in Docker&apos;s settings.</source>
        <translation>Docker が使えるのは、このコンピューターの CPU {hcpus} 個・{hmem} のうち CPU {cpus} 個・{mem} だけです。モデルが遅くなったり収まらなかったりします。Docker の設定で上限を引き上げてください。</translation>
    </message>
</context>
<context>
    <name>DockerView</name>
    <message>
        <source>Ollama version</source>
        <translation>Ollama のバージョン</translation>
    </message>
    <message>
        <source>The image tag to run: one this Docker already has, a version, or latest.</source>
        <translation>動かすイメージのタグ: この Docker にすでにあるもの、バージョン、または latest。</translation>
    </message>
    <message>
        <source>CPUs</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>メモリ</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>ポート</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自動</translation>
    </message>
    <message>
        <source>Port on 127.0.0.1 for the container. Automatic: 11435 or the next free one (never the port of the app&apos;s own server).</source>
        <translation>コンテナを公開する 127.0.0.1 のポート。自動の場合は 11435、使用中なら次の空きポートです（アプリ自身のサーバーのポートは使いません）。</translation>
    </message>
    <message>
        <source>Let Ollama in the container use Ollama&apos;s cloud</source>
        <translation>コンテナ内の Ollama に Ollama のクラウドの利用を許可する</translation>
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
        <source>Details</source>
        <translation>詳細</translation>
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
        <source>Ollama Desk can download the latest official release, check its SHA-256 checksum, and install it for you only, in the app&apos;s folder. No administrator rights; nothing else on the system changes. The download size is shown as soon as it starts.</source>
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
    <name>ForeignServerNotes</name>
    <message>
        <source>Ollama Desk did not start this server: it runs as a system service, in Docker, in a terminal or on another computer. Start and Stop act only on the app&apos;s own server, so they are off: stop or restart this one where it was started. The app can still use it for everything else.</source>
        <translation>このサーバーは Ollama Desk が起動したものではありません（システムサービス、Docker、ターミナル、またはほかのコンピューターで動いています）。「開始」と「停止」はこのアプリ自身のサーバーにだけ働くため、無効になっています。このサーバーの停止や再起動は、起動した側で行ってください。それ以外の機能はすべてこのサーバーで使えます。</translation>
    </message>
    <message>
        <source>These settings are for the app&apos;s own server (the one Start runs). The server in use at {url} was started elsewhere and keeps its own settings; they apply here once you start the app&apos;s own server.</source>
        <translation>ここの設定は、このアプリ自身のサーバー（「開始」で起動するもの）の設定です。使用中の {url} のサーバーはほかで起動されたもので、独自の設定で動いています。ここの設定は、アプリ自身のサーバーを起動したときに適用されます。</translation>
    </message>
    <message>
        <source>This page shows what the app&apos;s own server writes. The server in use at {url} was not started by the app, so its log is where it runs: `journalctl -u ollama` for a system service, `docker logs &lt;container&gt;` for Docker, or the terminal that started it.</source>
        <translation>このページには、このアプリ自身のサーバーの出力が表示されます。使用中の {url} のサーバーはアプリが起動したものではないため、ログはそのサーバーが動いている場所にあります。システムサービスなら `journalctl -u ollama`、Docker なら `docker logs &lt;コンテナー&gt;`、またはそのサーバーを起動したターミナルをご覧ください。</translation>
    </message>
    <message>
        <source>This page shows what the app&apos;s own server writes while it runs. It is not running now.</source>
        <translation>このページには、このアプリ自身のサーバーが動いている間の出力が表示されます。現在は動いていません。</translation>
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
    <message>
        <source>Uninstall Ollama</source>
        <translation>Ollama をアンインストール</translation>
    </message>
    <message>
        <source>Uninstall Ollama {0}, installed by Ollama Desk? Its program files are deleted; your models are kept, and it can be installed again here.</source>
        <translation>Ollama Desk がインストールした Ollama {0} をアンインストールしますか？ プログラムのファイルは削除されますが、モデルは残ります。ここからもう一度インストールできます。</translation>
    </message>
    <message>
        <source>Uninstall</source>
        <translation>アンインストール</translation>
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
        <source>Where downloaded models are stored. Empty: Ollama&apos;s default (~/.ollama/models).</source>
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
        <source>The app&apos;s own server listens on 127.0.0.1 at this port.</source>
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
        <source>Warning: Ollama&apos;s API has no password. Anyone who can reach this computer on the network could use your models, download new ones, delete them, or fill your disk. Only do this on a network you trust, ideally behind a proxy with a password.</source>
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
        <source>The Ollama Docker container at {url} is not running.</source>
        <translation>{url} の Ollama Docker コンテナは動いていません。</translation>
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
        <source>Start it on the Docker page below (Start container), or pick another server.</source>
        <translation>下の Docker ページで起動する（「コンテナを起動」）か、別のサーバーを選んでください。</translation>
    </message>
    <message>
        <source>Start the app&apos;s own server, or pick another server below.</source>
        <translation>アプリのサーバーを起動するか、下の一覧から別のサーバーを選んでください。</translation>
    </message>
    <message>
        <source>Install Ollama below, or add a server that runs elsewhere.</source>
        <translation>下で Ollama をインストールするか、別の場所で動いているサーバーを追加してください。</translation>
    </message>
</context>
</TS>
