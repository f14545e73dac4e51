<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>Catalog</name>
    <message>
        <source>Alibaba&apos;s Qwen 3: strong small models that can think before answering.</source>
        <translation>Alibaba の Qwen 3：答える前に考えることもできる、小さくて強力なモデル。</translation>
    </message>
    <message>
        <source>Qwen 2.5: multilingual general models with good tool use.</source>
        <translation>Qwen 2.5：ツール呼び出しが得意な多言語の汎用モデル。</translation>
    </message>
    <message>
        <source>Qwen 2.5 trained for code: completion, repair, explanation.</source>
        <translation>コード向けに訓練された Qwen 2.5：補完、修正、説明。</translation>
    </message>
    <message>
        <source>Qwen 3 Coder: a mixture-of-experts model for agentic coding.</source>
        <translation>Qwen 3 Coder：エージェント的なコーディング向けの混合エキスパート（MoE）モデル。</translation>
    </message>
    <message>
        <source>Qwen 2.5 VL: reads images, documents and charts.</source>
        <translation>Qwen 2.5 VL：画像、文書、グラフを読み取ります。</translation>
    </message>
    <message>
        <source>Meta&apos;s Llama 3.2: small multilingual models for dialogue.</source>
        <translation>Meta の Llama 3.2：対話向けの小さな多言語モデル。</translation>
    </message>
    <message>
        <source>Meta&apos;s Llama 3.1 8B: a capable all-rounder with long context.</source>
        <translation>Meta の Llama 3.1 8B：長いコンテキストに対応した有能な万能型。</translation>
    </message>
    <message>
        <source>Meta&apos;s Llama 3 8B (8K context); superseded by 3.1.</source>
        <translation>Meta の Llama 3 8B（コンテキスト 8K）。後継は 3.1。</translation>
    </message>
    <message>
        <source>Google&apos;s Gemma 3: efficient models; 4B and up also read images.</source>
        <translation>Google の Gemma 3：効率のよいモデル。4B 以上は画像も読めます。</translation>
    </message>
    <message>
        <source>Gemma 3n: built for phones and laptops, with per-layer embeddings.</source>
        <translation>Gemma 3n：スマートフォンやノート PC 向け。層ごとの埋め込みを持ちます。</translation>
    </message>
    <message>
        <source>Google&apos;s Gemma 2: good writing quality for its size.</source>
        <translation>Google の Gemma 2：サイズの割に文章の質が高いモデル。</translation>
    </message>
    <message>
        <source>Microsoft&apos;s Phi-3 Mini: a small model good at reasoning.</source>
        <translation>Microsoft の Phi-3 Mini：推論が得意な小さなモデル。</translation>
    </message>
    <message>
        <source>Phi-3.5 Mini: Phi-3 with better multilingual support.</source>
        <translation>Phi-3.5 Mini：多言語対応を強化した Phi-3。</translation>
    </message>
    <message>
        <source>Phi-4 Mini: small, with function calling and long context.</source>
        <translation>Phi-4 Mini：小型で、関数呼び出しと長いコンテキストに対応。</translation>
    </message>
    <message>
        <source>Microsoft&apos;s Phi-4 14B: strong reasoning and maths.</source>
        <translation>Microsoft の Phi-4 14B：推論と数学に強いモデル。</translation>
    </message>
    <message>
        <source>DeepSeek-R1 distilled into small models: step-by-step reasoning.</source>
        <translation>DeepSeek-R1 を小さなモデルに蒸留したもの：段階的に推論します。</translation>
    </message>
    <message>
        <source>Mistral 7B v0.3: a fast, capable general model.</source>
        <translation>Mistral 7B v0.3：速くて有能な汎用モデル。</translation>
    </message>
    <message>
        <source>Mistral NeMo 12B (with NVIDIA): long context, multilingual.</source>
        <translation>Mistral NeMo 12B（NVIDIA との共同開発）：長いコンテキスト、多言語対応。</translation>
    </message>
    <message>
        <source>Mistral Small 24B: near large-model quality, needs 16 GB+.</source>
        <translation>Mistral Small 24B：大規模モデルに近い品質。16 GB 以上が必要です。</translation>
    </message>
    <message>
        <source>IBM Granite 3.3: business-friendly models with tool use.</source>
        <translation>IBM Granite 3.3：ツール呼び出しに対応した業務向けモデル。</translation>
    </message>
    <message>
        <source>IBM Granite 4 Micro: a 3B model tuned for tool calling.</source>
        <translation>IBM Granite 4 Micro：ツール呼び出し向けに調整された 3B モデル。</translation>
    </message>
    <message>
        <source>Hugging Face SmolLM2: tiny models that run anywhere.</source>
        <translation>Hugging Face の SmolLM2：どこでも動くとても小さなモデル。</translation>
    </message>
    <message>
        <source>TinyLlama 1.1B: a very small Llama for quick experiments.</source>
        <translation>TinyLlama 1.1B：手早い実験向けのとても小さな Llama。</translation>
    </message>
    <message>
        <source>Meta&apos;s Code Llama: code generation and discussion.</source>
        <translation>Meta の Code Llama：コードの生成とコードについての対話。</translation>
    </message>
    <message>
        <source>StarCoder2: open code completion models.</source>
        <translation>StarCoder2：オープンなコード補完モデル。</translation>
    </message>
    <message>
        <source>DeepSeek Coder 1.3B: small code completion model.</source>
        <translation>DeepSeek Coder 1.3B：小さなコード補完モデル。</translation>
    </message>
    <message>
        <source>AI2&apos;s OLMo 2: fully open data and training.</source>
        <translation>AI2 の OLMo 2：データも学習方法も完全に公開されたモデル。</translation>
    </message>
    <message>
        <source>Nous Hermes 3 (Llama 3.2 3B): role-play and tool use.</source>
        <translation>Nous Hermes 3（Llama 3.2 3B）：ロールプレイとツール呼び出し。</translation>
    </message>
    <message>
        <source>Deep Cogito: hybrid reasoning models built on Llama and Qwen.</source>
        <translation>Deep Cogito：Llama と Qwen をもとにしたハイブリッド推論モデル。</translation>
    </message>
    <message>
        <source>Dolphin 3.0 (Llama 3.1 8B): a general, steerable assistant.</source>
        <translation>Dolphin 3.0（Llama 3.1 8B）：指示に従わせやすい汎用アシスタント。</translation>
    </message>
    <message>
        <source>LG EXAONE 3.5: bilingual English and Korean models.</source>
        <translation>LG の EXAONE 3.5：英語と韓国語のバイリンガルモデル。</translation>
    </message>
    <message>
        <source>OpenAI&apos;s open-weight gpt-oss 20B: reasoning, needs 16 GB.</source>
        <translation>OpenAI のオープンウェイト gpt-oss 20B：推論向け。16 GB が必要です。</translation>
    </message>
    <message>
        <source>LLaVA 1.6: describes and answers questions about images.</source>
        <translation>LLaVA 1.6：画像を説明し、画像についての質問に答えます。</translation>
    </message>
    <message>
        <source>moondream 2: a tiny vision model for edge devices.</source>
        <translation>moondream 2：エッジ機器向けのとても小さな画像認識モデル。</translation>
    </message>
    <message>
        <source>Text embeddings with a large context (8K).</source>
        <translation>長いコンテキスト（8K）に対応したテキスト埋め込み。</translation>
    </message>
    <message>
        <source>mixedbread.ai large embedding model (English).</source>
        <translation>mixedbread.ai の大きな埋め込みモデル（英語）。</translation>
    </message>
    <message>
        <source>all-MiniLM sentence embeddings: tiny and fast.</source>
        <translation>all-MiniLM の文埋め込み：とても小さく高速。</translation>
    </message>
    <message>
        <source>Snowflake Arctic Embed: retrieval embeddings.</source>
        <translation>Snowflake Arctic Embed：検索向けの埋め込み。</translation>
    </message>
    <message>
        <source>BGE-M3: multilingual, multi-granularity embeddings.</source>
        <translation>BGE-M3：多言語・多粒度の埋め込み。</translation>
    </message>
    <message>
        <source>Google EmbeddingGemma 300M: multilingual embeddings.</source>
        <translation>Google の EmbeddingGemma 300M：多言語の埋め込み。</translation>
    </message>
    <message>
        <source>Qwen3 Embedding: multilingual text embeddings.</source>
        <translation>Qwen3 Embedding：多言語のテキスト埋め込み。</translation>
    </message>
    <message>
        <source>IBM Granite Embedding: small retrieval embeddings.</source>
        <translation>IBM Granite Embedding：検索向けの小さな埋め込み。</translation>
    </message>
</context>
<context>
    <name>DownloadsPresenter</name>
    <message>
        <source>{name} is downloaded and ready.</source>
        <translation>{name} のダウンロードが完了し、使用できます。</translation>
    </message>
    <message>
        <source>Download of {name} failed.</source>
        <translation>{name} のダウンロードに失敗しました。</translation>
    </message>
</context>
<context>
    <name>DownloadsView</name>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>進行状況</translation>
    </message>
    <message>
        <source>Speed / time left</source>
        <translation>速度 / 残り時間</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Why the download failed</source>
        <translation>ダウンロードに失敗した理由</translation>
    </message>
    <message>
        <source>Downloads continue after a dropped connection and resume when the app or the server restarts.</source>
        <translation>接続が切れてもダウンロードは再試行され、アプリやサーバーを再起動すると続きから再開します。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>一覧から削除</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import a GGUF file</source>
        <translation>GGUF ファイルを取り込む</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>ファイルが選択されていません。</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>ファイルを選択…</translation>
    </message>
    <message>
        <source>Architecture:</source>
        <translation>アーキテクチャ:</translation>
    </message>
    <message>
        <source>Parameters:</source>
        <translation>パラメータ数:</translation>
    </message>
    <message>
        <source>Quantization:</source>
        <translation>量子化:</translation>
    </message>
    <message>
        <source>Context length:</source>
        <translation>コンテキスト長:</translation>
    </message>
    <message>
        <source>Chat template:</source>
        <translation>チャットテンプレート:</translation>
    </message>
    <message>
        <source>Model name:</source>
        <translation>モデル名:</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>取り込む</translation>
    </message>
    <message>
        <source>Chat with it</source>
        <translation>このモデルとチャット</translation>
    </message>
    <message>
        <source>Choose a GGUF file</source>
        <translation>GGUF ファイルを選択</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>GGUF モデル (*.gguf);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Reading the file header…</source>
        <translation>ファイルのヘッダーを読み込んでいます…</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>GGUF version {v}, {size}. Ready to import.</source>
        <translation>GGUF バージョン {v}、{size}。取り込みの準備ができました。</translation>
    </message>
    <message>
        <source>This is not a GGUF model file.</source>
        <translation>これは GGUF モデルファイルではありません。</translation>
    </message>
    <message>
        <source>This GGUF version cannot be read ({detail}).</source>
        <translation>この GGUF バージョンは読み込めません ({detail})。</translation>
    </message>
    <message>
        <source>The file is incomplete: it ends before the data its header declares ({detail}). Download it again.</source>
        <translation>ファイルが不完全です。ヘッダーに記載されたデータより前で終わっています ({detail})。もう一度ダウンロードしてください。</translation>
    </message>
    <message>
        <source>The file is damaged ({detail}).</source>
        <translation>ファイルが壊れています ({detail})。</translation>
    </message>
    <message>
        <source>The file could not be read ({detail}).</source>
        <translation>ファイルを読み込めませんでした ({detail})。</translation>
    </message>
    <message>
        <source>Nothing was created.</source>
        <translation>モデルは作成されていません。</translation>
    </message>
    <message>
        <source>The chat template could not be read ({detail}).</source>
        <translation>チャットテンプレートを読み込めませんでした ({detail})。</translation>
    </message>
    <message>
        <source>Checking the file…</source>
        <translation>ファイルを確認しています…</translation>
    </message>
    <message>
        <source>Uploading to Ollama…</source>
        <translation>Ollama にアップロードしています…</translation>
    </message>
    <message>
        <source>Creating the model: {status}</source>
        <translation>モデルを作成しています: {status}</translation>
    </message>
    <message>
        <source>{name} is ready to chat, with the file&apos;s own chat template.</source>
        <translation>{name} の準備ができました。ファイル自身のチャットテンプレートでチャットできます。</translation>
    </message>
    <message>
        <source>{name} is ready to chat, with the {template} chat template.</source>
        <translation>{name} の準備ができました。{template} のチャットテンプレートでチャットできます。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>The file&apos;s own chat template</source>
        <translation>ファイル自身のチャットテンプレート</translation>
    </message>
    <message>
        <source>Gemma 3</source>
        <translation>Gemma 3</translation>
    </message>
    <message>
        <source>Gemma 2 and Gemma</source>
        <translation>Gemma 2・Gemma</translation>
    </message>
    <message>
        <source>Llama 3 (3.1, 3.2, 3.3)</source>
        <translation>Llama 3（3.1、3.2、3.3）</translation>
    </message>
    <message>
        <source>Llama 2</source>
        <translation>Llama 2</translation>
    </message>
    <message>
        <source>ChatML (Qwen 2, 2.5, 3 and many others)</source>
        <translation>ChatML（Qwen 2、2.5、3 ほか多数）</translation>
    </message>
    <message>
        <source>Phi-3</source>
        <translation>Phi-3</translation>
    </message>
    <message>
        <source>Mistral</source>
        <translation>Mistral</translation>
    </message>
    <message>
        <source>The file carries its own chat template; Ollama reads it. Nothing to choose.</source>
        <translation>このファイルには独自のチャットテンプレートがあり、Ollama がそれを読み込みます。選ぶ必要はありません。</translation>
    </message>
    <message>
        <source>The file has no chat template: without one, answers come out with raw turn markers. Suggested from its architecture, {arch}.</source>
        <translation>このファイルにはチャットテンプレートがありません。テンプレートがないと、回答に会話の区切り記号がそのまま混じります。アーキテクチャ ({arch}) から選びました。</translation>
    </message>
    <message>
        <source>The file has no chat template: without one, answers come out with raw turn markers. Suggested from its architecture, llama, with a Llama 3 tokenizer.</source>
        <translation>このファイルにはチャットテンプレートがありません。テンプレートがないと、回答に会話の区切り記号がそのまま混じります。アーキテクチャ (llama) と Llama 3 のトークナイザーから選びました。</translation>
    </message>
    <message>
        <source>The file has no chat template: without one, answers come out with raw turn markers. Its architecture is llama without a Llama 3 tokenizer, so Llama 2 is the best guess; change it if answers look wrong.</source>
        <translation>このファイルにはチャットテンプレートがありません。テンプレートがないと、回答に会話の区切り記号がそのまま混じります。アーキテクチャは llama で Llama 3 のトークナイザーではないため、Llama 2 形式と推定しました。回答がおかしい場合は変更してください。</translation>
    </message>
    <message>
        <source>The file has no chat template: without one, answers come out with raw turn markers. Its architecture is llama and its name or vocabulary is Mistral&apos;s.</source>
        <translation>このファイルにはチャットテンプレートがありません。テンプレートがないと、回答に会話の区切り記号がそのまま混じります。アーキテクチャは llama で、名前または語彙が Mistral のものです。</translation>
    </message>
    <message>
        <source>The file has no chat template: without one, answers come out with raw turn markers. Its architecture is phi3 and its name says Phi-4, which uses ChatML.</source>
        <translation>このファイルにはチャットテンプレートがありません。テンプレートがないと、回答に会話の区切り記号がそのまま混じります。アーキテクチャは phi3 で、名前から ChatML を使う Phi-4 と判断しました。</translation>
    </message>
    <message>
        <source>The file has no chat template, and its architecture ({arch}) is not one the app knows: ChatML, the most common format, is a guess. Change it if answers look wrong.</source>
        <translation>このファイルにはチャットテンプレートがなく、アーキテクチャ ({arch}) もこのアプリの知らないものです。最も一般的な ChatML 形式と推定しました。回答がおかしい場合は変更してください。</translation>
    </message>
    <message>
        <source>Your choice. The suggestion was {name}: {why}</source>
        <translation>ご自身で選んだテンプレートです。おすすめは {name} でした: {why}</translation>
    </message>
</context>
<context>
    <name>InstalledPresenter</name>
    <message>
        <source>{lo:.0f}–{hi:.0f} tokens/s</source>
        <translation>{lo:.0f}–{hi:.0f} トークン/秒</translation>
    </message>
    <message>
        <source>Capabilities</source>
        <translation>機能</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>アーキテクチャ</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>層数</translation>
    </message>
    <message>
        <source>Trained context</source>
        <translation>学習時のコンテキスト長</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>パラメータ数</translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation>量子化</translation>
    </message>
    <message>
        <source>Fits here</source>
        <translation>この PC での動作</translation>
    </message>
    <message>
        <source>Expected speed</source>
        <translation>予想速度</translation>
    </message>
    <message>
        <source>Measured speed</source>
        <translation>実測速度</translation>
    </message>
    <message>
        <source>{tps:.1f} tokens/s in your chats</source>
        <translation>チャットでの実測 {tps:.1f} トークン/秒</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>テンプレート</translation>
    </message>
    <message>
        <source>License</source>
        <translation>ライセンス</translation>
    </message>
    <message>
        <source>Delete {name}? This frees about {size} of disk space.</source>
        <translation>{name} を削除しますか? ディスクの空きが約 {size} 増えます。</translation>
    </message>
    <message>
        <source>Delete {name}? Another name uses the same files, so little disk space is freed.</source>
        <translation>{name} を削除しますか? 別の名前が同じファイルを使っているため、空き容量はほとんど増えません。</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>モデルの削除</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Deleted {name}.</source>
        <translation>{name} を削除しました。</translation>
    </message>
    <message>
        <source>Copy model</source>
        <translation>モデルのコピー</translation>
    </message>
    <message>
        <source>New name for a copy of {name}:</source>
        <translation>{name} のコピーの新しい名前:</translation>
    </message>
    <message>
        <source>Not a valid name ({reason}).</source>
        <translation>有効な名前ではありません ({reason})。</translation>
    </message>
    <message>
        <source>Copied to {name}.</source>
        <translation>{name} にコピーしました。</translation>
    </message>
</context>
<context>
    <name>InstalledView</name>
    <message>
        <source>Filter installed models</source>
        <translation>インストール済みモデルを絞り込む</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Import GGUF file…</source>
        <translation>GGUF ファイルを取り込む…</translation>
    </message>
    <message>
        <source>Copy as…</source>
        <translation>別名でコピー…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>削除…</translation>
    </message>
    <message>
        <source>Set up the server…</source>
        <translation>サーバーを準備…</translation>
    </message>
    <message>
        <source>Loaded in memory</source>
        <translation>メモリに読み込み中</translation>
    </message>
    <message>
        <source>unload right after use</source>
        <translation>使用後すぐに解放</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 分</translation>
    </message>
    <message>
        <source>5 minutes</source>
        <translation>5 分</translation>
    </message>
    <message>
        <source>30 minutes</source>
        <translation>30 分</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 時間</translation>
    </message>
    <message>
        <source>until unloaded</source>
        <translation>解放するまで</translation>
    </message>
    <message>
        <source>Keep loaded</source>
        <translation>読み込んだままにする</translation>
    </message>
    <message>
        <source>Unload now</source>
        <translation>今すぐ解放</translation>
    </message>
    <message>
        <source>Keep in memory:</source>
        <translation>メモリに保持:</translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <source>For finding passages in attached documents; not for chat.</source>
        <translation>添付した文書から関係する箇所を探すためのモデルです。チャットには使えません。</translation>
    </message>
    <message>
        <source>Runs well</source>
        <translation>快適</translation>
    </message>
    <message>
        <source>Tight</source>
        <translation>ぎりぎり</translation>
    </message>
    <message>
        <source>Won&apos;t fit</source>
        <translation>収まらない</translation>
    </message>
    <message>
        <source> (swap risk)</source>
        <translation> (スワップの恐れ)</translation>
    </message>
    <message>
        <source>On disk: {size} (installed)</source>
        <translation>ディスク上: {size} (インストール済み)</translation>
    </message>
    <message>
        <source>exact, from the registry</source>
        <translation>レジストリから取得した正確な値</translation>
    </message>
    <message>
        <source>from catalog, {date}</source>
        <translation>カタログの値、{date}</translation>
    </message>
    <message>
        <source>Download: {size} ({source})</source>
        <translation>ダウンロード: {size} ({source})</translation>
    </message>
    <message>
        <source>Memory at {ctx} tokens: {need} = weights {w} + KV cache {kv} + overhead {o} (10 %, at least 300 MiB)</source>
        <translation>{ctx} トークン時のメモリ: {need} = 重み {w} + KV キャッシュ {kv} + オーバーヘッド {o} (10 %、最低 300 MiB)</translation>
    </message>
    <message>
        <source>Available now: {avail} of {total} RAM</source>
        <translation>現在の空き: RAM {total} のうち {avail}</translation>
    </message>
    <message>
        <source>Other programs would be pushed to swap: expect slowdowns.</source>
        <translation>他のプログラムがスワップに追い出され、動作が遅くなる可能性があります。</translation>
    </message>
    <message>
        <source>Sliding-window layers only keep their window in the cache.</source>
        <translation>スライディングウィンドウ層はウィンドウ分だけをキャッシュに保持します。</translation>
    </message>
    <message>
        <source>Architecture unknown: the KV cache is a rough guess.</source>
        <translation>アーキテクチャ不明: KV キャッシュは概算です。</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>インストール済み</translation>
    </message>
    <message>
        <source>Rank {n} of {total} for this machine</source>
        <translation>このマシンでのおすすめ順位：{total} 件中 {n} 位</translation>
    </message>
    <message>
        <source>measured {tps:.1f}</source>
        <translation>実測 {tps:.1f}</translation>
    </message>
    <message>
        <source>★ best pick</source>
        <translation>★ 一番のおすすめ</translation>
    </message>
</context>
<context>
    <name>LibraryPresenter</name>
    <message>
        <source>* size from catalog, {date}; exact sizes come from the registry when you select a tag.</source>
        <translation>* サイズはカタログの値 ({date})。タグを選ぶとレジストリから正確なサイズを取得します。</translation>
    </message>
    <message>
        <source>Memory bandwidth: {bw:.1f} GB/s</source>
        <translation>メモリ帯域: {bw:.1f} GB/s</translation>
    </message>
    <message>
        <source>(measured while busy; measure again when idle)</source>
        <translation>（混雑時の値です。空いているときに再測定してください）</translation>
    </message>
    <message>
        <source>Measuring memory bandwidth…</source>
        <translation>メモリ帯域を測定しています…</translation>
    </message>
    <message>
        <source>Not a valid name ({reason}).</source>
        <translation>有効な名前ではありません ({reason})。</translation>
    </message>
    <message>
        <source>Allow downloads from {host} (not Ollama&apos;s registry)</source>
        <translation>{host} からのダウンロードを許可する（Ollama 公式のレジストリではありません）</translation>
    </message>
    <message>
        <source>{host} is another registry: tick the box above if you trust it.</source>
        <translation>{host} は別のレジストリです。信頼できる場合は上のチェックボックスをオンにしてください。</translation>
    </message>
    <message>
        <source>Download over plain HTTP?</source>
        <translation>暗号化されていない HTTP でダウンロードしますか？</translation>
    </message>
    <message>
        <source>{host} will send the model without encryption or a verified certificate: anyone on the network between you could read or replace it. Only allow this for a registry you run yourself, on your own machine or network.</source>
        <translation>{host} はモデルを暗号化も証明書の検証もなしに送ります。途中のネットワークにいる誰でも内容を読んだり差し替えたりできます。自分のマシンやネットワークで自分が運用しているレジストリに限って許可してください。</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <source>Search models, e.g. qwen, code, vision</source>
        <translation>モデルを検索 (例: qwen、code、vision)</translation>
    </message>
    <message>
        <source>Any size</source>
        <translation>すべてのサイズ</translation>
    </message>
    <message>
        <source>Up to {n} GiB</source>
        <translation>{n} GiB まで</translation>
    </message>
    <message>
        <source>All families</source>
        <translation>すべてのファミリー</translation>
    </message>
    <message>
        <source>Any capability</source>
        <translation>すべての機能</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>ツール</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>思考</translation>
    </message>
    <message>
        <source>Vision</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>Embedding</source>
        <translation>埋め込み</translation>
    </message>
    <message>
        <source>Code completion</source>
        <translation>コード補完</translation>
    </message>
    <message>
        <source>Runs well here</source>
        <translation>この PC で快適</translation>
    </message>
    <message>
        <source>Embedding models</source>
        <translation>埋め込みモデル</translation>
    </message>
    <message>
        <source>Show models that only turn text into vectors (for search), not chat</source>
        <translation>チャットではなく、テキストをベクトルに変換するだけのモデル（検索用）も表示する</translation>
    </message>
    <message>
        <source>Context </source>
        <translation>コンテキスト </translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> トークン</translation>
    </message>
    <message>
        <source>Download selected</source>
        <translation>選択したモデルをダウンロード</translation>
    </message>
    <message>
        <source>Or type any name:tag, e.g. llama3.2:3b</source>
        <translation>または 名前:タグ を入力 (例: llama3.2:3b)</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>ダウンロード</translation>
    </message>
    <message>
        <source>It uses plain HTTP (insecure)</source>
        <translation>暗号化なしの HTTP を使う（安全ではありません）</translation>
    </message>
    <message>
        <source>Measure again</source>
        <translation>再測定</translation>
    </message>
    <message>
        <source>Quantization explained…</source>
        <translation>量子化の説明…</translation>
    </message>
    <message>
        <source>Calibrate speeds…</source>
        <translation>速度を較正…</translation>
    </message>
    <message>
        <source>The speeds are estimates until a short benchmark on this machine calibrates them.</source>
        <translation>このマシンで短いベンチマークを実行して較正するまで、速度は推定値です。</translation>
    </message>
</context>
<context>
    <name>ModelMessages</name>
    <message>
        <source>Speed: {lo:.0f}–{hi:.0f} tokens/s, about {est:.0f}, calibrated by this machine&apos;s benchmarks of {models}</source>
        <translation>速度: {lo:.0f}–{hi:.0f} トークン/秒、約 {est:.0f}（このマシンでの {models} のベンチマークで較正済み）</translation>
    </message>
    <message>
        <source>Speed: {lo:.0f}–{hi:.0f} tokens/s, an uncalibrated estimate from this computer&apos;s cores and memory bandwidth ({bw:.1f} GB/s), for a model that reads {rlo}–{rhi} per token. A benchmark (Benchmark tab) makes it this machine&apos;s own figure.</source>
        <translation>速度: {lo:.0f}–{hi:.0f} トークン/秒。このコンピューターのコア数とメモリ帯域（{bw:.1f} GB/s）から、1 トークンあたり {rlo}–{rhi} を読み込むモデルとして見積もった未較正の値です。ベンチマーク（ベンチマークタブ）を実行すると、このマシン自身の値になります。</translation>
    </message>
    <message>
        <source>Measured on this machine: {tps:.1f} tokens/s. The forecast:</source>
        <translation>このマシンでの実測: {tps:.1f} トークン/秒。予測:</translation>
    </message>
    <message>
        <source>the weights</source>
        <translation>重み</translation>
    </message>
    <message>
        <source>the image encoder</source>
        <translation>画像エンコーダー</translation>
    </message>
    <message>
        <source>the adapter</source>
        <translation>アダプター</translation>
    </message>
    <message>
        <source>the prompt template</source>
        <translation>プロンプトテンプレート</translation>
    </message>
    <message>
        <source>the system prompt</source>
        <translation>システムプロンプト</translation>
    </message>
    <message>
        <source>the default settings</source>
        <translation>既定の設定</translation>
    </message>
    <message>
        <source>the license</source>
        <translation>ライセンス</translation>
    </message>
    <message>
        <source>the model description</source>
        <translation>モデルの説明</translation>
    </message>
    <message>
        <source>a part</source>
        <translation>パーツ</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>開始しています</translation>
    </message>
    <message>
        <source>asking the registry what to download</source>
        <translation>ダウンロードする内容をレジストリに問い合わせています</translation>
    </message>
    <message>
        <source>downloading {what}, {n} of {total} parts</source>
        <translation>{what}をダウンロード中（全 {total} パーツ中 {n} 番目）</translation>
    </message>
    <message>
        <source>downloading {what} (part {n})</source>
        <translation>{what}をダウンロード中（パーツ {n}）</translation>
    </message>
    <message>
        <source>checking the downloaded files</source>
        <translation>ダウンロードしたファイルを検証しています</translation>
    </message>
    <message>
        <source>saving the model</source>
        <translation>モデルを保存しています</translation>
    </message>
    <message>
        <source>removing parts no longer needed</source>
        <translation>不要になったパーツを削除しています</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>No Ollama server answers at {host}. Use “Set up the server” to install, start or choose one.</source>
        <translation>{host} で応答する Ollama サーバーがありません。「サーバーを準備」からインストール、起動、または別のサーバーの選択ができます。</translation>
    </message>
</context>
<context>
    <name>ModelTables</name>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>タグ</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>パラメータ数</translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation>量子化</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>ファミリー</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>コンテキスト</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>更新日時</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>メモリ</translation>
    </message>
    <message>
        <source>Expires in</source>
        <translation>解放まで</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>ダウンロード</translation>
    </message>
    <message>
        <source>Recommended</source>
        <translation>おすすめ</translation>
    </message>
    <message>
        <source>Fits here</source>
        <translation>この PC での動作</translation>
    </message>
    <message>
        <source>Speed (tokens/s)</source>
        <translation>速度 (トークン/秒)</translation>
    </message>
</context>
<context>
    <name>ModelsTab</name>
    <message>
        <source>Library</source>
        <translation>ライブラリ</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>インストール済み</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>ダウンロード</translation>
    </message>
    <message>
        <source>Type the full name with the registry, e.g. registry.example.com/library/gemma3:270m</source>
        <translation>レジストリを含む完全な名前を入力（例: registry.example.com/library/gemma3:270m）</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>(free disk space not checked: the registry could not be reached for the download size)</source>
        <translation>(空き容量は未確認: ダウンロードサイズを調べるためのレジストリに接続できませんでした)</translation>
    </message>
    <message>
        <source>Connection problem, retry {n} in {s:.0f} s: {reason}</source>
        <translation>接続の問題。{s:.0f} 秒後に再試行 ({n} 回目): {reason}</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>キャンセルしました</translation>
    </message>
    <message>
        <source>Not enough disk space: needs {need}, {free} free in {folder}.</source>
        <translation>ディスクの空きが足りません: {need} 必要ですが、{folder} の空きは {free} です。</translation>
    </message>
    <message>
        <source>Failed: {reason}</source>
        <translation>失敗しました: {reason}</translation>
    </message>
    <message>
        <source>{t} left</source>
        <translation>残り {t}</translation>
    </message>
</context>
<context>
    <name>Quant</name>
    <message>
        <source>2-bit; large quality loss, only for big models on small machines.</source>
        <translation>2 ビット。品質の低下が大きく、小さな PC で大きなモデルを使うときだけ。</translation>
    </message>
    <message>
        <source>2-bit; large quality loss.</source>
        <translation>2 ビット。品質の低下が大きい。</translation>
    </message>
    <message>
        <source>3-bit importance-matrix format; better than Q3_K_S at its size.</source>
        <translation>重要度行列を使う 3 ビット形式。同じサイズの Q3_K_S より良好。</translation>
    </message>
    <message>
        <source>3-bit; noticeable loss, for when 4-bit does not fit.</source>
        <translation>3 ビット。品質の低下が目立つ。4 ビットが収まらないときに。</translation>
    </message>
    <message>
        <source>4-bit floating point used by some mixture-of-experts models.</source>
        <translation>一部の Mixture-of-Experts モデルが使う 4 ビット浮動小数点。</translation>
    </message>
    <message>
        <source>4-bit with a non-linear grid; similar to Q4_K_S.</source>
        <translation>非線形グリッドの 4 ビット。Q4_K_S と同程度。</translation>
    </message>
    <message>
        <source>Compact 4-bit; close to Q4_K_S, a little smaller.</source>
        <translation>コンパクトな 4 ビット。Q4_K_S に近く、少し小さい。</translation>
    </message>
    <message>
        <source>Extreme compression; the model is badly damaged.</source>
        <translation>極端な圧縮。モデルの品質が大きく損なわれる。</translation>
    </message>
    <message>
        <source>Full precision; twice the size of F16 and no better for chat.</source>
        <translation>完全精度。F16 の 2 倍のサイズで、チャットでは F16 と変わらない。</translation>
    </message>
    <message>
        <source>Near-lossless; a good choice when memory allows.</source>
        <translation>ほぼ劣化なし。メモリに余裕があれば良い選択。</translation>
    </message>
    <message>
        <source>Older 4-bit format; fast, a bit more loss than Q4_K_M.</source>
        <translation>古い 4 ビット形式。速いが、Q4_K_M より少し劣化が大きい。</translation>
    </message>
    <message>
        <source>Older 4-bit format; prefer Q4_K_M.</source>
        <translation>古い 4 ビット形式。Q4_K_M を推奨。</translation>
    </message>
    <message>
        <source>Older 5-bit format; prefer Q5_K_M.</source>
        <translation>古い 5 ビット形式。Q5_K_M を推奨。</translation>
    </message>
    <message>
        <source>Original quality (bfloat16); as large and slow as F16.</source>
        <translation>元の品質 (bfloat16)。F16 と同じく大きく遅い。</translation>
    </message>
    <message>
        <source>Original quality; four times a 4-bit file and much slower on a CPU.</source>
        <translation>元の品質。4 ビットの約 4 倍のサイズで、CPU ではずっと遅い。</translation>
    </message>
    <message>
        <source>Practically indistinguishable from F16 at half the size.</source>
        <translation>半分のサイズで、F16 と実質的に区別がつかない。</translation>
    </message>
    <message>
        <source>Slightly smaller than Q4_K_M with a little more loss.</source>
        <translation>Q4_K_M より少し小さく、劣化も少し大きい。</translation>
    </message>
    <message>
        <source>Smallest 3-bit; clear quality loss.</source>
        <translation>最小の 3 ビット。品質の低下がはっきりわかる。</translation>
    </message>
    <message>
        <source>The usual default: small and fast with a small quality loss.</source>
        <translation>標準の既定値。小さく速く、品質の低下はわずか。</translation>
    </message>
    <message>
        <source>Very close to the original; a little larger and slower than 4-bit.</source>
        <translation>元の品質にかなり近い。4 ビットより少し大きく遅い。</translation>
    </message>
    <message>
        <source>Very close to the original; slightly smaller than Q5_K_M.</source>
        <translation>元の品質にかなり近い。Q5_K_M より少し小さい。</translation>
    </message>
    <message>
        <source>Very small 3-bit; clear quality loss.</source>
        <translation>とても小さい 3 ビット。品質の低下がはっきりわかる。</translation>
    </message>
    <message>
        <source>Start with a model of about 3B parameters at Q4_K_M (4-bit). If answers come too slowly, take a smaller model; if they are not smart enough and memory allows, take a larger model before a higher-bit quantization. Below 4-bit quality drops quickly; above 6-bit it hardly improves.</source>
        <translation>まずは 3B パラメータ程度のモデルを Q4_K_M (4 ビット) で試してください。応答が遅すぎるなら小さなモデルに、賢さが足りずメモリに余裕があるなら、ビット数を上げる前に大きなモデルにしてください。4 ビット未満では品質が急に落ち、6 ビットを超えてもほとんど向上しません。</translation>
    </message>
</context>
<context>
    <name>QuantDialog</name>
    <message>
        <source>Quantization explained</source>
        <translation>量子化の説明</translation>
    </message>
    <message>
        <source>A quantized model stores each weight in fewer bits. Smaller files load faster and, on a CPU, generate faster, because every token reads all the weights once. The cost is some quality.</source>
        <translation>量子化されたモデルは、各重みを少ないビット数で保存します。ファイルが小さいほど読み込みが速く、CPU では生成も速くなります。1 トークンごとにすべての重みを 1 回読むからです。その代わり品質が少し下がります。</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>レベル</translation>
    </message>
    <message>
        <source>Bits per weight</source>
        <translation>重みあたりのビット数</translation>
    </message>
    <message>
        <source>Size vs F16</source>
        <translation>F16 に対するサイズ</translation>
    </message>
    <message>
        <source>Trade-off</source>
        <translation>トレードオフ</translation>
    </message>
    <message>
        <source> (default)</source>
        <translation> (既定)</translation>
    </message>
    <message>
        <source>Bits per weight: the block format&apos;s exact figure, and in brackets a typical whole file (some tensors stay larger).</source>
        <translation>重みあたりのビット数: ブロック形式の正確な値と、括弧内はファイル全体の典型値 (一部のテンソルは大きいまま残るため)。</translation>
    </message>
</context>
<context>
    <name>RunningModelsModel</name>
    <message>
        <source>never</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>{min} min {s} s</source>
        <translation>{min} 分 {s} 秒</translation>
    </message>
</context>
</TS>
