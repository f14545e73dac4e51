<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>AttachPresenter</name>
    <message>
        <source>Attach images</source>
        <translation>画像を添付</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>ファイルを添付</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文書</translation>
    </message>
    <message>
        <source>All files</source>
        <translation>すべてのファイル</translation>
    </message>
    <message>
        <source>pasted image</source>
        <translation>貼り付けた画像</translation>
    </message>
    <message>
        <source>The picture {0} could not be read from the history.</source>
        <translation>画像 {0} を履歴から読み込めませんでした。</translation>
    </message>
</context>
<context>
    <name>AttachmentChip</name>
    <message>
        <source>Remove {0}</source>
        <translation>{0} を外す</translation>
    </message>
    <message>
        <source>Stop reading {0}</source>
        <translation>{0} の読み込みを中止</translation>
    </message>
</context>
<context>
    <name>Attachments</name>
    <message>
        <source>{0} is not attached: it is larger than {1}, the most a chat can take.</source>
        <translation>{0} は添付されませんでした。チャットに添付できる上限の {1} を超えています。</translation>
    </message>
    <message>
        <source>{0} is not attached: it is not a file (a folder or a device).</source>
        <translation>{0} は添付されませんでした。ファイルではありません（フォルダーまたはデバイスです）。</translation>
    </message>
    <message>
        <source>{0} is not attached: it could not be read. Check that it exists and that you may open it.</source>
        <translation>{0} は添付されませんでした。読み込めませんでした。ファイルが存在し、開く権限があるか確認してください。</translation>
    </message>
    <message>
        <source>{0} is not attached: it changed while it was being read. Attach it again once it is saved.</source>
        <translation>{0} は添付されませんでした。読み込み中にファイルが変更されました。保存が終わってから、もう一度添付してください。</translation>
    </message>
    <message>
        <source>{0} is not attached: this kind of file cannot be read. Text, code, Markdown, CSV, JSON, HTML, PDF and Word (.docx) files can, and PNG, JPEG and WebP images for models that see.</source>
        <translation>{0} は添付されませんでした。この種類のファイルは読み込めません。読み込めるのはテキスト、コード、Markdown、CSV、JSON、HTML、PDF、Word（.docx）のファイルと、画像を扱えるモデルでの PNG・JPEG・WebP 画像です。</translation>
    </message>
    <message>
        <source>{0} is not attached: it is not text (a program, an archive or another binary file).</source>
        <translation>{0} は添付されませんでした。テキストではありません（プログラム、圧縮ファイルなどのバイナリファイルです）。</translation>
    </message>
    <message>
        <source>{0} is not attached: it is protected by a password. Save a copy without the password and attach that.</source>
        <translation>{0} は添付されませんでした。パスワードで保護されています。パスワードなしで保存したコピーを添付してください。</translation>
    </message>
    <message>
        <source>{0} is not attached: it is damaged or not what its name says.</source>
        <translation>{0} は添付されませんでした。ファイルが壊れているか、名前（拡張子）と中身が一致しません。</translation>
    </message>
    <message>
        <source>{0} is not attached: it is built in a way that would take too much memory or time to read (it may be damaged or made to do so).</source>
        <translation>{0} は添付されませんでした。読み込みに大量のメモリーや時間を要する構造になっています（破損しているか、意図的にそう作られている可能性があります）。</translation>
    </message>
    <message>
        <source>{0} is not attached: it has no text to read (scanned pages are pictures). Export it with text recognition first.</source>
        <translation>{0} は添付されませんでした。読み取れるテキストがありません（スキャンしたページは画像です）。文字認識（OCR）をかけて書き出してから添付してください。</translation>
    </message>
    <message>
        <source>{0} is not attached: the picture is too large to open safely ({1}). Save a smaller copy and attach that.</source>
        <translation>{0} は添付されませんでした。画像が大きすぎて安全に開けません（{1}）。小さくしたコピーを保存して添付してください。</translation>
    </message>
    <message>
        <source>{0} is not attached: the model cannot read images.</source>
        <translation>{0} は添付されませんでした。このモデルは画像を読み取れません。</translation>
    </message>
    <message>
        <source>Reading {0} was cancelled.</source>
        <translation>{0} の読み込みを中止しました。</translation>
    </message>
    <message>
        <source>{0} × {1} px</source>
        <translation>{0} × {1} px</translation>
    </message>
    <message>
        <source>{0} tokens</source>
        <translation>{0} トークン</translation>
    </message>
    <message>
        <source>~{0} tokens</source>
        <translation>約 {0} トークン</translation>
    </message>
    <message>
        <source>only the first part</source>
        <translation>先頭部分のみ</translation>
    </message>
    <message>
        <source>{0} pages</source>
        <translation>{0} ページ</translation>
    </message>
    <message>
        <source>Only the first {0} pages are read.</source>
        <translation>最初の {0} ページのみ読み込みます。</translation>
    </message>
    <message>
        <source>The file was too long: only its first part is sent.</source>
        <translation>ファイルが長すぎるため、先頭部分のみ送信します。</translation>
    </message>
    <message>
        <source>Tokens are estimated until the model has read the file.</source>
        <translation>モデルがファイルを読み込むまで、トークン数は推定値です。</translation>
    </message>
    <message>
        <source>reading… {0} %</source>
        <translation>読み込み中… {0} %</translation>
    </message>
    <message>
        <source>waiting to be read…</source>
        <translation>読み込み待ち…</translation>
    </message>
    <message>
        <source>Choose a model whose details list “vision”.</source>
        <translation>詳細に「vision」と表示されているモデルを選んでください。</translation>
    </message>
    <message>
        <source>Choose a model that can, such as {0}, or remove the images.</source>
        <translation>{0} など画像を読み取れるモデルを選ぶか、画像を外してください。</translation>
    </message>
    <message>
        <source>Choose a model that can, such as {0}.</source>
        <translation>{0} など画像を読み取れるモデルを選んでください。</translation>
    </message>
    <message>
        <source>Download a model that can, such as {0}, in the Models tab.</source>
        <translation>「モデル」タブで {0} など画像を読み取れるモデルをダウンロードしてください。</translation>
    </message>
    <message>
        <source>{0} cannot read images.</source>
        <translation>{0} は画像を読み取れません。</translation>
    </message>
    <message>
        <source>{0} is not attached: {1} cannot read images.</source>
        <translation>{0} は添付されませんでした。{1} は画像を読み取れません。</translation>
    </message>
    <message>
        <source>Images are off: {0} cannot read images.</source>
        <translation>画像は使えません。{0} は画像を読み取れません。</translation>
    </message>
    <message>
        <source>Attach PNG, JPEG or WebP images: {0} can read them.</source>
        <translation>PNG・JPEG・WebP 画像を添付できます（{0} は画像を読み取れます）。</translation>
    </message>
    <message>
        <source>Wait until {0} is read, or remove it, then send.</source>
        <translation>{0} の読み込みが終わるまで待つか、添付を外してから送信してください。</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>閉じる</translation>
    </message>
</context>
<context>
    <name>ChatExport</name>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>chat</source>
        <translation>チャット</translation>
    </message>
    <message>
        <source>Export chat</source>
        <translation>チャットを書き出す</translation>
    </message>
</context>
<context>
    <name>ChatFormat</name>
    <message>
        <source>{0:.1f} tok/s</source>
        <translation>{0:.1f} トークン/秒</translation>
    </message>
    <message>
        <source>{0:.0f} ms</source>
        <translation>{0:.0f} ミリ秒</translation>
    </message>
    <message>
        <source>{0:.2f} s</source>
        <translation>{0:.2f} 秒</translation>
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
        <source>{wh} Wh ({label})</source>
        <translation>{wh} Wh（{label}）</translation>
    </message>
    <message>
        <source>{0} J/token</source>
        <translation>{0} J/トークン</translation>
    </message>
    <message>
        <source>{0} g CO₂</source>
        <translation>CO₂ {0} g</translation>
    </message>
    <message>
        <source>{0} mg CO₂</source>
        <translation>CO₂ {0} mg</translation>
    </message>
    <message>
        <source>{0} tokens</source>
        <translation>{0} トークン</translation>
    </message>
    <message>
        <source>prompt {0} tok at {1}</source>
        <translation>プロンプト {0} トークン（{1}）</translation>
    </message>
    <message>
        <source>first token {0}</source>
        <translation>最初のトークン {0}</translation>
    </message>
    <message>
        <source>load {0}</source>
        <translation>読み込み {0}</translation>
    </message>
</context>
<context>
    <name>ChatHistoryText</name>
    <message>
        <source>it is damaged or is not a chat history file</source>
        <translation>ファイルが壊れているか、チャット履歴のファイルではありません</translation>
    </message>
    <message>
        <source>it was written by a newer version of Ollama Desk</source>
        <translation>新しいバージョンの Ollama Desk で書かれています</translation>
    </message>
    <message>
        <source>it or its folder cannot be written to</source>
        <translation>ファイルまたはフォルダーに書き込めません</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>ディスクがいっぱいです</translation>
    </message>
    <message>
        <source>another program keeps it locked</source>
        <translation>別のプログラムがロックしています</translation>
    </message>
    <message>
        <source>it could not be opened</source>
        <translation>開けませんでした</translation>
    </message>
    <message>
        <source>reading or writing it failed (the Details say how)</source>
        <translation>読み書きに失敗しました（詳しくは「詳細」をご覧ください）</translation>
    </message>
    <message>
        <source>The chat history {0} cannot be used: {1}. It was left exactly as it is. Until you choose below, new chats are not saved.</source>
        <translation>チャット履歴 {0} を使えません: {1}。ファイルには一切手を加えていません。下で選ぶまで、新しいチャットは保存されません。</translation>
    </message>
    <message>
        <source>Not sent: your message could not be saved because {0}. Your text is kept.</source>
        <translation>送信していません: メッセージを保存できませんでした（{0}）。入力した文は残してあります。</translation>
    </message>
    <message>
        <source>The chat history could not be updated: {0}.</source>
        <translation>チャット履歴を更新できませんでした: {0}。</translation>
    </message>
    <message>
        <source>The answer could not be saved yet: {0}. It is kept in memory and saved as soon as that works again.</source>
        <translation>回答をまだ保存できていません: {0}。回答はメモリーに残してあり、保存できるようになりしだい保存します。</translation>
    </message>
</context>
<context>
    <name>ChatKeys</name>
    <message>
        <source>New chat</source>
        <translation>新しいチャット</translation>
    </message>
    <message>
        <source>Export chat…</source>
        <translation>チャットを書き出す…</translation>
    </message>
    <message>
        <source>Stop the answer, or leave an edit or a choice</source>
        <translation>回答を止める、または編集や選択を閉じる</translation>
    </message>
    <message>
        <source>Search chats</source>
        <translation>チャットを検索</translation>
    </message>
    <message>
        <source>Regenerate the last answer</source>
        <translation>最後の回答を再生成</translation>
    </message>
    <message>
        <source>Choose the model</source>
        <translation>モデルを選ぶ</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>メッセージを送信</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>New line in the message</source>
        <translation>メッセージ内で改行</translation>
    </message>
    <message>
        <source>Shift+Enter</source>
        <translation>Shift+Enter</translation>
    </message>
    <message>
        <source>Next / previous control</source>
        <translation>次 / 前の操作項目へ</translation>
    </message>
    <message>
        <source>Scroll the chat up / down</source>
        <translation>チャットを上 / 下へスクロール</translation>
    </message>
    <message>
        <source>Next / previous tab</source>
        <translation>次 / 前のタブへ</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
</context>
<context>
    <name>ChatSettingsPresenter</name>
    <message>
        <source>system prompt</source>
        <translation>システムプロンプト</translation>
    </message>
    <message>
        <source>temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>context length</source>
        <translation>コンテキスト長</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>CPU スレッド数</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>シード</translation>
    </message>
    <message>
        <source>most tokens per answer</source>
        <translation>1 回答の最大トークン数</translation>
    </message>
    <message>
        <source>Chat settings (custom)…</source>
        <translation>チャット設定（変更あり）…</translation>
    </message>
    <message>
        <source>This chat has its own settings: {0}. New chats use the defaults.</source>
        <translation>このチャットには独自の設定があります: {0}。新しいチャットは既定の設定を使います。</translation>
    </message>
    <message>
        <source>Chat settings…</source>
        <translation>チャット設定…</translation>
    </message>
    <message>
        <source>This chat uses the default settings.</source>
        <translation>このチャットは既定の設定を使っています。</translation>
    </message>
</context>
<context>
    <name>ChatTab</name>
    <message>
        <source>Saved {0}</source>
        <translation>{0} に保存しました</translation>
    </message>
    <message>
        <source>Answers not saved</source>
        <translation>保存されていない回答</translation>
    </message>
    <message>
        <source>{0} answer(s) could not be saved to the chat history ({1}) and are lost when the app closes. Their text is below: copy what you need.</source>
        <translation>{0} 件の回答をチャット履歴に保存できませんでした（{1}）。アプリを閉じると失われます。本文は下にあります。必要なものをコピーしてください。</translation>
    </message>
    <message>
        <source>{0} answer(s) were cut off when the app closed unexpectedly; what was shown is kept.</source>
        <translation>アプリが予期せず終了したため {0} 件の回答が途中で切れました。表示されていた部分は保存されています。</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>New chat</source>
        <translation>新しいチャット</translation>
    </message>
    <message>
        <source>Search chats</source>
        <translation>チャットを検索</translation>
    </message>
    <message>
        <source>The model that answers</source>
        <translation>回答するモデル</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Refresh the list of installed models</source>
        <translation>インストール済みモデルの一覧を更新</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Think</source>
        <translation>思考</translation>
    </message>
    <message>
        <source>Let a thinking model reason before it answers</source>
        <translation>推論モデルに回答前の思考をさせる</translation>
    </message>
    <message>
        <source>Performance figures</source>
        <translation>パフォーマンス表示</translation>
    </message>
    <message>
        <source>Show or hide the speed and load figures</source>
        <translation>速度と負荷の表示を切り替えます</translation>
    </message>
    <message>
        <source>Chat settings…</source>
        <translation>チャットの設定…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>書き出す…</translation>
    </message>
    <message>
        <source>Save this chat as a Markdown or JSON file</source>
        <translation>このチャットを Markdown または JSON ファイルとして保存します</translation>
    </message>
    <message>
        <source>Ask anything. The answer is computed on this computer by the model you pick above.</source>
        <translation>何でも聞いてください。回答は上で選んだモデルがこのコンピューター上で計算します。</translation>
    </message>
</context>
<context>
    <name>ComposerBox</name>
    <message>
        <source>Message (Enter sends, Shift+Enter new line)</source>
        <translation>メッセージ（Enter で送信、Shift+Enter で改行）</translation>
    </message>
    <message>
        <source>File…</source>
        <translation>ファイル…</translation>
    </message>
    <message>
        <source>Attach files: text, code, Markdown, CSV, JSON, HTML, PDF, Word (.docx)</source>
        <translation>ファイルを添付：テキスト、コード、Markdown、CSV、JSON、HTML、PDF、Word（.docx）</translation>
    </message>
    <message>
        <source>Image…</source>
        <translation>画像…</translation>
    </message>
    <message>
        <source>Attach images</source>
        <translation>画像を添付</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>送信</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>送信（Enter）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the answer (Esc)</source>
        <translation>回答を停止（Esc）</translation>
    </message>
</context>
<context>
    <name>ContextBar</name>
    <message>
        <source>Context</source>
        <translation>コンテキスト</translation>
    </message>
</context>
<context>
    <name>ContextChoice</name>
    <message>
        <source>Send anyway</source>
        <translation>このまま送信</translation>
    </message>
    <message>
        <source>New chat with a summary…</source>
        <translation>要約して新しいチャットへ…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>ContextMeter</name>
    <message>
        <source>{0} of {1} tokens</source>
        <translation>{0} / {1} トークン</translation>
    </message>
    <message>
        <source>the window this chat asks for (Chat settings)</source>
        <translation>このチャットで設定したコンテキスト長（チャット設定）</translation>
    </message>
    <message>
        <source>the window the loaded model runs with</source>
        <translation>読み込み済みのモデルが使っているコンテキスト長</translation>
    </message>
    <message>
        <source>the window the model&apos;s own settings ask for</source>
        <translation>モデル自身の設定によるコンテキスト長</translation>
    </message>
    <message>
        <source>the window of this app&apos;s Ollama server</source>
        <translation>このアプリの Ollama サーバーのコンテキスト長</translation>
    </message>
    <message>
        <source>the Ollama server&apos;s default window</source>
        <translation>Ollama サーバーの既定のコンテキスト長</translation>
    </message>
    <message>
        <source>(no more than the {0} tokens the model was trained for)</source>
        <translation>（モデルが学習した上限の {0} トークンまで）</translation>
    </message>
    <message>
        <source>There is no room left in the window for the attached documents: the model will not see them.</source>
        <translation>コンテキスト長に添付文書の入る余地が残っていません。モデルは添付文書を読みません。</translation>
    </message>
    <message>
        <source>The conversation fills the whole window: its beginning will be cut off.</source>
        <translation>会話がコンテキスト長いっぱいです。会話の先頭は切り捨てられます。</translation>
    </message>
    <message>
        <source>This message alone does not fit the window of {0} tokens: the model will read only its end (about half the window) and nothing before it.</source>
        <translation>このメッセージだけで {0} トークンのコンテキスト長に収まりません。モデルが読むのはメッセージの末尾（コンテキスト長の約半分）だけで、それより前は読みません。</translation>
    </message>
    <message>
        <source>The first message no longer fits: the model will not see it.</source>
        <translation>最初のメッセージが収まらなくなりました。モデルはこのメッセージを読みません。</translation>
    </message>
    <message>
        <source>The first {0} messages no longer fit: the model will not see them.</source>
        <translation>最初の {0} 件のメッセージが収まらなくなりました。モデルはこれらを読みません。</translation>
    </message>
    <message>
        <source>No room left for the documents</source>
        <translation>添付文書の入る余地がありません</translation>
    </message>
    <message>
        <source>Full: the beginning will be cut off</source>
        <translation>いっぱいです。先頭が切り捨てられます</translation>
    </message>
    <message>
        <source>This message alone is longer than the window</source>
        <translation>このメッセージだけでコンテキスト長を超えています</translation>
    </message>
    <message>
        <source>The first message will not be seen</source>
        <translation>最初のメッセージはモデルに読まれません</translation>
    </message>
    <message>
        <source>The first {0} messages will not be seen</source>
        <translation>最初の {0} 件のメッセージはモデルに読まれません</translation>
    </message>
    <message>
        <source>The attached documents ({0} tokens) are longer than the room the window leaves them: the passages that match your question will be chosen and sent instead (up to {1} tokens).</source>
        <translation>添付文書（{0} トークン）はコンテキスト長の残りに収まりません。代わりに、質問に合う箇所を選んで送ります（最大 {1} トークン）。</translation>
    </message>
    <message>
        <source>Documents too long: their best passages will be sent</source>
        <translation>文書が長いため、関係する箇所だけを送ります</translation>
    </message>
    <message>
        <source>The conversation and your message already take {0} of the {1} tokens the model reads; with room for the answer, nothing is left for the documents ({2} tokens).</source>
        <translation>会話とメッセージだけで、モデルが読める {1} トークンのうち {0} トークンを使っています。回答の分を残すと、添付文書（{2} トークン）の入る余地がありません。</translation>
    </message>
    <message>
        <source>Context window: how much of the conversation the model reads at once. This chat and the message you are writing use {0} of {1} tokens, {2}.</source>
        <translation>コンテキスト長は、モデルが一度に読める会話の量です。このチャットと入力中のメッセージで {1} トークン中 {0} トークンを使っています（{2}）。</translation>
    </message>
    <message>
        <source>Counted by the server: {0} of {1} messages; the rest is estimated.</source>
        <translation>サーバーが数えたメッセージは {1} 件中 {0} 件です。残りは推定です。</translation>
    </message>
    <message>
        <source>The model read only {0} of about {1} tokens: the prompt was longer than its window of {2} tokens and the server cut it.</source>
        <translation>モデルが読んだのは約 {1} トークンのうち {0} トークンだけです。プロンプトがコンテキスト長 {2} トークンを超えたため、サーバーが切り詰めました。</translation>
    </message>
    <message>
        <source>The model did not see the first message of this chat: it no longer fits the window of {0} tokens.</source>
        <translation>モデルはこのチャットの最初のメッセージを読んでいません。コンテキスト長 {0} トークンに収まらなくなったためです。</translation>
    </message>
    <message>
        <source>The model did not see the first {0} messages of this chat: they no longer fit the window of {1} tokens.</source>
        <translation>モデルはこのチャットの最初の {0} 件のメッセージを読んでいません。コンテキスト長 {1} トークンに収まらなくなったためです。</translation>
    </message>
</context>
<context>
    <name>ContextPresenter</name>
    <message>
        <source>This model was trained for at most {0} tokens: a bigger window cannot help.</source>
        <translation>このモデルが扱えるのは最大 {0} トークンまでです。コンテキスト長を広げても解決しません。</translation>
    </message>
    <message>
        <source>Use a window of {0} tokens</source>
        <translation>コンテキスト長を {0} トークンにする</translation>
    </message>
    <message>
        <source>The server runs on another computer: how much memory it has free is not known here.</source>
        <translation>サーバーは別のコンピューターで動いているため、空きメモリの量はここでは分かりません。</translation>
    </message>
    <message>
        <source>Use a window of {0} tokens (+{1} of memory)</source>
        <translation>コンテキスト長を {0} トークンにする（メモリ +{1}）</translation>
    </message>
    <message>
        <source>A window of {0} tokens needs about {1} of memory for this model; only {2} is free on this computer.</source>
        <translation>このモデルでコンテキスト長を {0} トークンにするには約 {1} のメモリが必要ですが、このコンピューターの空きは {2} しかありません。</translation>
    </message>
    <message>
        <source>This chat and your message need {0} tokens; the model reads {1}.</source>
        <translation>このチャットと入力中のメッセージには {0} トークン必要ですが、モデルが読めるのは {1} トークンです。</translation>
    </message>
    <message>
        <source>The model wrote no summary. Try again, or start a new chat yourself.</source>
        <translation>モデルが要約を書きませんでした。もう一度試すか、ご自分で新しいチャットを始めてください。</translation>
    </message>
    <message>
        <source>Summary of our earlier conversation:</source>
        <translation>これまでの会話の要約：</translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
    <message>
        <source>Untitled chat</source>
        <translation>無題のチャット</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>名前を変更…</translation>
    </message>
    <message>
        <source>Export as Markdown…</source>
        <translation>Markdown で書き出す…</translation>
    </message>
    <message>
        <source>Export as JSON…</source>
        <translation>JSON で書き出す…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>削除…</translation>
    </message>
    <message>
        <source>Rename chat</source>
        <translation>チャットの名前を変更</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>タイトル</translation>
    </message>
    <message>
        <source>Delete chat</source>
        <translation>チャットを削除</translation>
    </message>
    <message>
        <source>Delete “{0}” and all its messages, every version included?</source>
        <translation>「{0}」とそのすべてのメッセージ（ほかのバージョンも含む）を削除しますか？</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
</context>
<context>
    <name>EditBar</name>
    <message>
        <source>Cancel edit</source>
        <translation>編集をやめる</translation>
    </message>
    <message>
        <source>Esc: leave the message as it was</source>
        <translation>Esc: メッセージを元のままにします</translation>
    </message>
</context>
<context>
    <name>EditMode</name>
    <message>
        <source>Editing your message “{0}”. Sending it starts a new version of the chat from there; the current version is kept, and ‹ › on the message switches between them.</source>
        <translation>メッセージ「{0}」を編集しています。送信すると、そこからチャットの新しいバージョンが始まります。今のバージョンも残り、メッセージの ‹ › で切り替えられます。</translation>
    </message>
</context>
<context>
    <name>HistoryNotice</name>
    <message>
        <source>Open it read-only</source>
        <translation>読み取り専用で開く</translation>
    </message>
    <message>
        <source>Move it aside and start a new history</source>
        <translation>別名で残して新しい履歴を始める</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>もう一度試す</translation>
    </message>
</context>
<context>
    <name>HistoryNoticePresenter</name>
    <message>
        <source>The chat history {0} is open read-only: you can read and search your chats, but new messages cannot be sent until it can be written.</source>
        <translation>チャット履歴 {0} を読み取り専用で開いています。チャットを読んだり検索したりできますが、書き込めるようになるまで新しいメッセージは送信できません。</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>{0} × {1} px, as the model sees it</source>
        <translation>{0} × {1} px（モデルに送られる大きさ）</translation>
    </message>
</context>
<context>
    <name>MessageWidget</name>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>編集</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>再生成</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>思考過程</translation>
    </message>
    <message>
        <source>Previous version of this message</source>
        <translation>このメッセージの前のバージョン</translation>
    </message>
    <message>
        <source>Previous answer</source>
        <translation>前の回答</translation>
    </message>
    <message>
        <source>Next version of this message</source>
        <translation>このメッセージの次のバージョン</translation>
    </message>
    <message>
        <source>Next answer</source>
        <translation>次の回答</translation>
    </message>
    <message>
        <source>Version {0} of {1}</source>
        <translation>{1} 件中 {0} 件目のバージョン</translation>
    </message>
</context>
<context>
    <name>MessagesPresenter</name>
    <message>
        <source>not saved yet</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>No models installed</source>
        <translation>モデルがインストールされていません</translation>
    </message>
</context>
<context>
    <name>ParamsDialog</name>
    <message>
        <source>Chat settings</source>
        <translation>チャットの設定</translation>
    </message>
    <message>
        <source>This chat</source>
        <translation>このチャット</translation>
    </message>
    <message>
        <source>Default for new chats</source>
        <translation>新しいチャットの既定</translation>
    </message>
    <message>
        <source>New chats start with these settings; chats you have now keep theirs.</source>
        <translation>新しいチャットはこの設定で始まります。今あるチャットはそれぞれの設定のままです。</translation>
    </message>
    <message>
        <source>Apply to</source>
        <translation>適用先</translation>
    </message>
    <message>
        <source>For example: Answer briefly, in plain words.</source>
        <translation>例: 簡潔に、わかりやすい言葉で答えてください。</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>システムプロンプト</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>server default</source>
        <translation>サーバーの既定値</translation>
    </message>
    <message>
        <source>Changing the context length reloads the model.</source>
        <translation>コンテキスト長を変えるとモデルが再読み込みされます。</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>コンテキスト長</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自動</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>CPU スレッド数</translation>
    </message>
    <message>
        <source>random</source>
        <translation>ランダム</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>シード</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>制限なし</translation>
    </message>
    <message>
        <source>Most tokens per answer</source>
        <translation>1 回答の最大トークン数</translation>
    </message>
    <message>
        <source>Energy estimate (all chats)</source>
        <translation>電力量の推定（すべてのチャット）</translation>
    </message>
    <message>
        <source>Used when the CPU&apos;s energy counters cannot be read: CPU seconds of Ollama x this power. A laptop core draws about 3-8 W when busy.</source>
        <translation>CPU の電力カウンターを読めないときに使います: Ollama の CPU 時間（秒）× この電力。ノートパソコンのコア 1 つは高負荷時に約 3〜8 W を消費します。</translation>
    </message>
    <message>
        <source>Power of one busy core</source>
        <translation>高負荷時のコア 1 つの電力</translation>
    </message>
    <message>
        <source>CO₂ of your electricity</source>
        <translation>電力の CO₂ 排出係数</translation>
    </message>
    <message>
        <source>Use the defaults</source>
        <translation>既定の設定に戻す</translation>
    </message>
    <message>
        <source>Sent: {0} threads, as set here.</source>
        <translation>送信値: {0} スレッド（ここでの設定）。</translation>
    </message>
    <message>
        <source>automatic ({0}, from the thread tuner)</source>
        <translation>自動（{0}、スレッド調整の結果）</translation>
    </message>
    <message>
        <source>Sent: {0} threads, the fastest the Benchmark tab&apos;s thread tuner measured for {1}. Set a number here to use another.</source>
        <translation>送信値: {0} スレッド。ベンチマークタブのスレッド調整で {1} が最も速かった値です。別の値を使うには、ここで数を指定してください。</translation>
    </message>
    <message>
        <source>automatic (Ollama decides)</source>
        <translation>自動（Ollama が決定）</translation>
    </message>
    <message>
        <source>Sent: nothing, so Ollama uses its own default.</source>
        <translation>送信値: なし。Ollama が自身の既定値を使います。</translation>
    </message>
</context>
<context>
    <name>PerfPanel</name>
    <message>
        <source>This answer</source>
        <translation>この回答</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>First token after</source>
        <translation>最初のトークンまで</translation>
    </message>
    <message>
        <source>Model load</source>
        <translation>モデル読み込み</translation>
    </message>
    <message>
        <source>Prompt reading</source>
        <translation>プロンプト処理</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>トークン数</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>電力量</translation>
    </message>
    <message>
        <source>Per token</source>
        <translation>1 トークンあたり</translation>
    </message>
    <message>
        <source>CO₂</source>
        <translation>CO₂</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>このコンピューター</translation>
    </message>
    <message>
        <source>Not available: the server is on another computer, so this computer&apos;s load says nothing about it.</source>
        <translation>表示できません: サーバーは別のコンピューターにあるため、このコンピューターの負荷はサーバーの状態を表しません。</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>メモリ</translation>
    </message>
    <message>
        <source>Swap in use</source>
        <translation>使用中のスワップ</translation>
    </message>
    <message>
        <source>Swap is growing while the model answers: the model probably does not fit in memory. Try a smaller model or a shorter context.</source>
        <translation>回答中にスワップが増えています。モデルがメモリに収まっていない可能性があります。小さいモデルか短いコンテキストを試してください。</translation>
    </message>
    <message>
        <source>Ollama</source>
        <translation>Ollama</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <source>Runner</source>
        <translation>ランナー</translation>
    </message>
    <message>
        <source>Ollama reports this only when an answer ends by itself.</source>
        <translation>Ollama はこの値を、回答が最後まで終わったときにだけ報告します。</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>報告なし</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>表示できません</translation>
    </message>
    <message>
        <source>Energy needs the Ollama server on this computer.</source>
        <translation>電力量の計算には、このコンピューター上で動く Ollama サーバーが必要です。</translation>
    </message>
    <message>
        <source>no swap</source>
        <translation>スワップなし</translation>
    </message>
    <message>
        <source>not visible here</source>
        <translation>ここからは見えません</translation>
    </message>
    <message>
        <source>no model loaded</source>
        <translation>モデル未読み込み</translation>
    </message>
</context>
<context>
    <name>PerfPresenter</name>
    <message>
        <source>Performance figures</source>
        <translation>パフォーマンス表示</translation>
    </message>
</context>
<context>
    <name>PerfStrip</name>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Tokens per second, live</source>
        <translation>1 秒あたりのトークン数（リアルタイム）</translation>
    </message>
    <message>
        <source>First token</source>
        <translation>最初のトークン</translation>
    </message>
    <message>
        <source>Time from sending the question to the first word of the answer</source>
        <translation>質問を送信してから回答の最初の語が出るまでの時間</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>This computer&apos;s CPU, all programs</source>
        <translation>このコンピューターの CPU 使用率（すべてのプログラム）</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>メモリ</translation>
    </message>
    <message>
        <source>Memory in use on this computer, of all it has</source>
        <translation>このコンピューターで使用中のメモリ／搭載メモリ</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>Show every figure, with charts</source>
        <translation>すべての数値をグラフ付きで表示</translation>
    </message>
</context>
<context>
    <name>SendPresenter</name>
    <message>
        <source>No model is installed yet. Download one in the Models tab, then pick it above.</source>
        <translation>まだモデルがインストールされていません。「モデル」タブでダウンロードしてから、上で選んでください。</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>もう一度試す</translation>
    </message>
    <message>
        <source>The server has gone quiet: no new text for {0} s.</source>
        <translation>サーバーからの応答が止まっています: {0} 秒間、新しい文字が届いていません。</translation>
    </message>
    <message>
        <source>No answer yet after {0} s. The model may still be loading; a large one can take minutes on a CPU.</source>
        <translation>{0} 秒たってもまだ回答がありません。モデルを読み込み中かもしれません。大きなモデルは CPU では数分かかることがあります。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>The answer stopped at this chat&apos;s limit of {0} tokens. You can raise or remove the limit in the chat settings.</source>
        <translation>回答はこのチャットの上限 {0} トークンで止まりました。上限はチャット設定で引き上げたり外したりできます。</translation>
    </message>
    <message>
        <source>Change the limit…</source>
        <translation>上限を変更…</translation>
    </message>
    <message>
        <source>The model {0} is not installed on the server. Download it now?</source>
        <translation>モデル {0} はサーバーにインストールされていません。今すぐダウンロードしますか？</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>ダウンロード</translation>
    </message>
    <message>
        <source>The part of the answer that arrived is kept.</source>
        <translation>届いた部分の回答は保存されています。</translation>
    </message>
</context>
<context>
    <name>Sources</name>
    <message>
        <source>page {0}</source>
        <translation>{0}ページ</translation>
    </message>
    <message>
        <source>section “{0}”</source>
        <translation>セクション「{0}」</translation>
    </message>
    <message>
        <source>section {0}</source>
        <translation>セクション {0}</translation>
    </message>
    <message>
        <source>lines {0}–{1}</source>
        <translation>{0}〜{1}行目</translation>
    </message>
    <message>
        <source>{0}, {1}</source>
        <translation>{0}、{1}</translation>
    </message>
    <message>
        <source>Passages used: {0} ({1})</source>
        <translation>使用した箇所: {0} 件（{1}）</translation>
    </message>
    <message>
        <source>They were found by their words and by their meaning ({0}).</source>
        <translation>語句と意味（{0}）の両方で探しました。</translation>
    </message>
    <message>
        <source>They were found by their words.</source>
        <translation>語句で探しました。</translation>
    </message>
    <message>
        <source>The whole text does not fit this model&apos;s context window, so the model was given only the passages that match the question.</source>
        <translation>全文はこのモデルのコンテキスト長に収まらないため、質問に合う箇所だけをモデルに渡しました。</translation>
    </message>
    <message>
        <source>No passage fitted the room the conversation leaves.</source>
        <translation>会話の残りの枠に収まる箇所はありませんでした。</translation>
    </message>
</context>
<context>
    <name>SourcesPresenter</name>
    <message>
        <source>choosing the passages of the document that matter…</source>
        <translation>文書から関係する箇所を選んでいます…</translation>
    </message>
    <message>
        <source>The list of passages this answer was given could not be saved (the chat history cannot be written). The answer itself is not affected.</source>
        <translation>この回答に使った箇所の一覧を保存できませんでした（チャット履歴に書き込めません）。回答そのものには影響ありません。</translation>
    </message>
</context>
<context>
    <name>SummaryDialog</name>
    <message>
        <source>New chat with a summary</source>
        <translation>要約して新しいチャットへ</translation>
    </message>
    <message>
        <source>Start the new chat</source>
        <translation>新しいチャットを始める</translation>
    </message>
    <message>
        <source>The model is summarising this chat (part {0} of {1})…</source>
        <translation>モデルがこのチャットを要約しています（{1} 件中 {0} 件目）…</translation>
    </message>
    <message>
        <source>The model is summarising this chat…</source>
        <translation>モデルがこのチャットを要約しています…</translation>
    </message>
    <message>
        <source>Read and edit the summary: the new chat starts with it as its system prompt, and knows nothing else of this chat.</source>
        <translation>要約を確認し、必要なら編集してください。新しいチャットはこの要約をシステムプロンプトとして始まり、このチャットのほかの内容は引き継ぎません。</translation>
    </message>
</context>
<context>
    <name>Transcript</name>
    <message>
        <source>The model wrote a link to:</source>
        <translation>モデルが次のリンクを書きました:</translation>
    </message>
    <message>
        <source>Site: {scheme}://{host}</source>
        <translation>サイト: {scheme}://{host}</translation>
    </message>
    <message>
        <source>E-mail to: {host}</source>
        <translation>メールの宛先: {host}</translation>
    </message>
    <message>
        <source>Full link: {0}</source>
        <translation>リンク全体: {0}</translation>
    </message>
    <message>
        <source>This link holds invisible or look-alike characters (shown as \u…): it may not go where it seems to.</source>
        <translation>このリンクには見えない文字や紛らわしい文字が含まれています（\u… と表示）。見た目と違う場所へ移動する可能性があります。</translation>
    </message>
    <message>
        <source>Open it in your browser?</source>
        <translation>ブラウザーで開きますか?</translation>
    </message>
    <message>
        <source>Open link?</source>
        <translation>リンクを開きますか?</translation>
    </message>
    <message>
        <source>answering…</source>
        <translation>回答中…</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>interrupted (the app closed)</source>
        <translation>中断（アプリが終了しました）</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>You</source>
        <translation>あなた</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>アシスタント</translation>
    </message>
    <message>
        <source>Jump to latest</source>
        <translation>最新へ移動</translation>
    </message>
</context>
</TS>
