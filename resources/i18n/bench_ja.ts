<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>BarChart</name>
    <message>
        <source>No benchmark yet</source>
        <translation>ベンチマークはまだありません</translation>
    </message>
</context>
<context>
    <name>BenchPresenter</name>
    <message>
        <source>Exported to {path}</source>
        <translation>{path} に書き出しました</translation>
    </message>
    <message>
        <source>No installed models to measure: {reason}</source>
        <translation>計測できるインストール済みモデルがありません: {reason}</translation>
    </message>
    <message>
        <source>Tick at least one installed model.</source>
        <translation>インストール済みのモデルを1つ以上選んでください。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>開始しています…</translation>
    </message>
    <message>
        <source>Docker</source>
        <translation>Docker</translation>
    </message>
    <message>
        <source>native</source>
        <translation>ネイティブ</translation>
    </message>
    <message>
        <source>{model} ({where}): loading and warming up</source>
        <translation>{model}（{where}）: 読み込みとウォームアップ中</translation>
    </message>
    <message>
        <source>{model} ({where}): run {n} of {runs}</source>
        <translation>{model}（{where}）: {runs} 回中 {n} 回目</translation>
    </message>
    <message>
        <source>Benchmark cancelled.</source>
        <translation>ベンチマークを中止しました。</translation>
    </message>
    <message>
        <source>An answer is streaming in the chat. Start the benchmark when it has finished: both would share the processor and the figures would be wrong.</source>
        <translation>チャットで回答を生成中です。終わってからベンチマークを開始してください。同時に動かすとプロセッサを取り合い、数値が正しくなくなります。</translation>
    </message>
    <message>
        <source>A benchmark is already running.</source>
        <translation>ベンチマークはすでに実行中です。</translation>
    </message>
    <message>
        <source>No installed model to benchmark.</source>
        <translation>ベンチマークできるインストール済みモデルがありません。</translation>
    </message>
    <message>
        <source>Other programs are using {cores:.1f} CPU cores: speeds measured now may be low.</source>
        <translation>他のプログラムが CPU コアを {cores:.1f} 個分使っています。今測る速度は低めに出るかもしれません。</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>{j:.1f} J ({source})</source>
        <translation>{j:.1f} J（{source}）</translation>
    </message>
    <message>
        <source>{s:.2f} s</source>
        <translation>{s:.2f} 秒</translation>
    </message>
    <message>
        <source>tok/s</source>
        <translation>トークン/秒</translation>
    </message>
    <message>
        <source>no (busy)</source>
        <translation>いいえ（混雑）</translation>
    </message>
    <message>
        <source>no (runs differ)</source>
        <translation>いいえ（ばらつき大）</translation>
    </message>
    <message>
        <source>no (run again)</source>
        <translation>いいえ（要再計測）</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>measured</source>
        <translation>実測</translation>
    </message>
    <message>
        <source>estimate</source>
        <translation>推定</translation>
    </message>
    <message>
        <source>{model}: native {n:.1f} tok/s (±{sn:.0f} %), Docker {d:.1f} tok/s (±{sd:.0f} %)</source>
        <translation>{model}: ネイティブ {n:.1f} tok/s（±{sn:.0f} %）、Docker {d:.1f} tok/s（±{sd:.0f} %）</translation>
    </message>
    <message>
        <source>native {pct:+.1f} % against Docker (more than the runs&apos; ±{noise:.0f} %)</source>
        <translation>ネイティブは Docker より {pct:+.1f} %（測定のばらつき ±{noise:.0f} % を超える差）</translation>
    </message>
    <message>
        <source>no measurable difference: {pct:+.1f} % lies within the runs&apos; ±{noise:.0f} %</source>
        <translation>測定できる差はありません: {pct:+.1f} % は測定のばらつき ±{noise:.0f} % の範囲内です</translation>
    </message>
    <message>
        <source>On Linux, Docker runs Ollama without a virtual machine: native and Docker are expected within noise of each other. The often-quoted &quot;native 5–15 % faster&quot; is about Docker Desktop&apos;s virtual machine on macOS and Windows.</source>
        <translation>Linux では Docker は仮想マシンを使わずに Ollama を動かすため、ネイティブと Docker の差は測定のばらつきの範囲に収まるはずです。よく言われる「ネイティブのほうが 5～15 % 速い」は、macOS と Windows の Docker Desktop の仮想マシンについての話です。</translation>
    </message>
    <message>
        <source>Docker Desktop runs Ollama inside a virtual machine here, with part of the CPUs and memory: native is usually 5–15 % faster.</source>
        <translation>この環境では Docker Desktop が Ollama を仮想マシンの中で、CPU とメモリの一部だけを使って動かします。通常はネイティブのほうが 5～15 % 速くなります。</translation>
    </message>
    <message>
        <source>Speed forecasts are calibrated on this machine&apos;s runs of {models}.</source>
        <translation>速度の予測は、このマシンでの {models} の実測で較正されています。</translation>
    </message>
    <message>
        <source>Calibrate again</source>
        <translation>もう一度較正</translation>
    </message>
    <message>
        <source>Speed forecasts are uncalibrated estimates from the processor&apos;s cores and a memory test. A short benchmark of the smallest installed model calibrates them.</source>
        <translation>速度の予測は、プロセッサーのコア数とメモリテストからの未較正の推定値です。最小のインストール済みモデルで短いベンチマークを行うと較正されます。</translation>
    </message>
    <message>
        <source>It runs {model} for about 30 s.</source>
        <translation>{model} を約 30 秒実行します。</translation>
    </message>
    <message>
        <source>Calibrate</source>
        <translation>較正</translation>
    </message>
    <message>
        <source>It first downloads {model} ({size}).</source>
        <translation>先に {model}（{size}）をダウンロードします。</translation>
    </message>
    <message>
        <source>Download and calibrate</source>
        <translation>ダウンロードして較正</translation>
    </message>
    <message>
        <source>Export benchmark results</source>
        <translation>ベンチマーク結果を書き出す</translation>
    </message>
    <message>
        <source>{n} thread</source>
        <translation>{n} スレッド</translation>
    </message>
    <message>
        <source>{n} threads</source>
        <translation>{n} スレッド</translation>
    </message>
    <message>
        <source>{model}: {tps:.1f} tok/s, but other programs used {cores:.1f} CPU cores while it ran. The result is kept, but it does not calibrate the speed forecasts.</source>
        <translation>{model}: {tps:.1f} トークン/秒でしたが、計測中に他のプログラムが CPU を {cores:.1f} コア分使っていました。結果は保存しますが、速度の予測の較正には使いません。</translation>
    </message>
    <message>
        <source>{model}: its runs differed by {spread:.0f} %. The result is kept, but it does not calibrate the speed forecasts.</source>
        <translation>{model}: 計測ごとの差が {spread:.0f} % ありました。結果は保存しますが、速度の予測の較正には使いません。</translation>
    </message>
    <message>
        <source>{model}: measured by an older version of the app, without what its tokens compute. Run it again to calibrate the forecasts.</source>
        <translation>{model}: 以前のバージョンのアプリで計測したため、トークンあたりの計算内容が記録されていません。予測を較正するには、もう一度計測してください。</translation>
    </message>
    <message>
        <source>{model}: the server reported figures that cannot be true ({figures}). Nothing was stored.</source>
        <translation>{model}: サーバーがありえない数値（{figures}）を返しました。何も保存していません。</translation>
    </message>
    <message>
        <source>{model}: {reason}</source>
        <translation>{model}: {reason}</translation>
    </message>
    <message>
        <source>The computer did not become idle within 15 minutes, so nothing was measured. Close other programs and try again.</source>
        <translation>15 分待ってもコンピューターが空かなかったため、計測しませんでした。他のプログラムを閉じてから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Benchmark failed: the server reported figures that cannot be true ({figures}). Nothing was stored.</source>
        <translation>ベンチマークに失敗しました: サーバーがありえない数値（{figures}）を返しました。何も保存していません。</translation>
    </message>
    <message>
        <source>Benchmark failed: {reason}</source>
        <translation>ベンチマークに失敗しました: {reason}</translation>
    </message>
    <message>
        <source>Thread tuning finished, but other programs used the CPU meanwhile: the figures may be off. Tune again when the computer is idle.</source>
        <translation>スレッド数の調整が終わりましたが、その間に他のプログラムが CPU を使っていたため、数値が正しくない可能性があります。コンピューターが空いているときに、もう一度調整してください。</translation>
    </message>
    <message>
        <source>Thread tuning finished.</source>
        <translation>スレッド数の調整が終わりました。</translation>
    </message>
    <message>
        <source>Benchmark finished: the speed forecasts are calibrated on {models}.</source>
        <translation>ベンチマークが終わりました。速度の予測を {models} の実測で較正しました。</translation>
    </message>
    <message>
        <source>Benchmark finished with problems.</source>
        <translation>ベンチマークは終わりましたが、問題がありました。</translation>
    </message>
    <message>
        <source>Benchmark finished, but not every result counts.</source>
        <translation>ベンチマークは終わりましたが、使えない結果があります。</translation>
    </message>
    <message>
        <source>Run it again when the computer is idle: the button below waits for that.</source>
        <translation>コンピューターが空いているときに、もう一度実行してください。下のボタンを押すと、空くのを待ってから実行します。</translation>
    </message>
    <message>
        <source>Waiting until the computer is idle: other programs use {cores:.1f} CPU cores…</source>
        <translation>コンピューターが空くのを待っています。他のプログラムが CPU を {cores:.1f} コア分使っています…</translation>
    </message>
</context>
<context>
    <name>BenchTab</name>
    <message>
        <source>Benchmark</source>
        <translation>ベンチマーク</translation>
    </message>
</context>
<context>
    <name>BenchView</name>
    <message>
        <source>Run benchmark</source>
        <translation>ベンチマークを実行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>中止</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV に書き出す…</translation>
    </message>
    <message>
        <source>Compare with Docker, if running</source>
        <translation>実行中なら Docker とも比べる</translation>
    </message>
    <message>
        <source>Runs the same benchmark on a running Ollama Docker container as well.</source>
        <translation>実行中の Ollama Docker コンテナでも同じベンチマークを実行します。</translation>
    </message>
    <message>
        <source>Run again when the computer is idle</source>
        <translation>空いたらもう一度実行</translation>
    </message>
    <message>
        <source>Calibrate (about 30 s)</source>
        <translation>較正する（約30秒）</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <source>Generation tok/s</source>
        <translation>生成 トークン/秒</translation>
    </message>
    <message>
        <source>Spread</source>
        <translation>ばらつき</translation>
    </message>
    <message>
        <source>Prompt tok/s</source>
        <translation>プロンプト トークン/秒</translation>
    </message>
    <message>
        <source>First token</source>
        <translation>最初のトークン</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>読み込み</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>メモリ</translation>
    </message>
    <message>
        <source>Energy / answer</source>
        <translation>回答あたりの電力量</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>測定日時</translation>
    </message>
    <message>
        <source>Calibrates</source>
        <translation>較正に使用</translation>
    </message>
    <message>
        <source>Tune threads</source>
        <translation>スレッド数を調整</translation>
    </message>
    <message>
        <source>Save as this model&apos;s default</source>
        <translation>このモデルの既定値として保存</translation>
    </message>
    <message>
        <source>Models to measure</source>
        <translation>計測するモデル</translation>
    </message>
    <message>
        <source>Forecast calibration</source>
        <translation>予測の較正</translation>
    </message>
    <message>
        <source>Thread tuner</source>
        <translation>スレッド数の調整</translation>
    </message>
</context>
<context>
    <name>TunerPresenter</name>
    <message>
        <source>Saved: new chats with {model} use {threads}.</source>
        <translation>保存しました: {model} の新しいチャットは {threads}を使います。</translation>
    </message>
    <message>
        <source>default</source>
        <translation>既定</translation>
    </message>
    <message>
        <source>tok/s by threads: {list}</source>
        <translation>スレッド数ごとのトークン/秒: {list}</translation>
    </message>
    <message>
        <source>Best: {threads}, {gain:+.1f} % against Ollama&apos;s default.</source>
        <translation>最速: {threads}（Ollama の既定値比 {gain:+.1f} %）。</translation>
    </message>
    <message>
        <source>Ollama&apos;s default is already the fastest.</source>
        <translation>Ollama の既定値がすでに最速です。</translation>
    </message>
</context>
</TS>
