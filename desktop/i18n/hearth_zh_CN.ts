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
        <location filename="../pages/data_wizard.py" line="168"/>
        <source>Cleaning and split</source>
        <translation>清洗与划分</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="175"/>
        <source>Cleaning</source>
        <translation>清洗</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="177"/>
        <source>Split</source>
        <translation>划分</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="189"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="195"/>
        <source>Kept: {0} of {1} items</source>
        <translation>保留：{1} 条中的 {0} 条</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="196"/>
        <source>Rejected while reading or cleaning: {0}</source>
        <translation>读取或清洗时拒绝：{0}</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="197"/>
        <source>Normalised: {0} · personal data scrubbed in: {1}</source>
        <translation>已规范化：{0} · 已清除个人信息：{1}</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="200"/>
        <location filename="../pages/data_wizard.py" line="202"/>
        <source>Split: {0}</source>
        <translation>划分：{0}</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="204"/>
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
        <location filename="../pages/data.py" line="120"/>
        <location filename="../pages/data.py" line="182"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="124"/>
        <source>Import a dataset to fine-tune on: chat records (OpenAI, ShareGPT), instructions (Alpaca), prompt and completion pairs, or plain text.

The example dataset is assets/datasets/lumen_support.jsonl.</source>
        <translation>导入用于微调的数据集：对话记录（OpenAI、ShareGPT）、指令（Alpaca）、提示与补全对，或纯文本。

示例数据集位于 assets/datasets/lumen_support.jsonl。</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="142"/>
        <source>&amp;Import a dataset…</source>
        <translation>导入数据集(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="144"/>
        <source>Generate with a &amp;teacher…</source>
        <translation>用教师模型生成(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="145"/>
        <source>A model on this machine answers prompts; its kept answers become a new dataset version</source>
        <translation>由本机上的模型回答提示；保留下来的回答成为一个新的数据集版本</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="150"/>
        <source>&amp;Remove version</source>
        <translation>删除版本(&amp;R)</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="244"/>
        <source>Remove dataset version</source>
        <translation>删除数据集版本</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="244"/>
        <source>Remove {0} and its files?</source>
        <translation>删除 {0} 及其文件？</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="245"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="246"/>
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
        <location filename="../pages/models.py" line="40"/>
        <source>Download a model</source>
        <translation>下载模型</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="45"/>
        <source>(the Q4_K_M .gguf, or the safetensors model)</source>
        <translation>（Q4_K_M 的 .gguf，或 safetensors 模型）</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="47"/>
        <source>(the file&apos;s or repository&apos;s name)</source>
        <translation>（文件名或仓库名）</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="49"/>
        <source>Repository</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="50"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="51"/>
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
        <location filename="../pages/data_wizard.py" line="61"/>
        <source>Choose a dataset file</source>
        <translation>选择数据集文件</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="62"/>
        <source>JSONL, JSON, CSV, TSV, Parquet or plain text. Nothing is written until the last step.</source>
        <translation>JSONL、JSON、CSV、TSV、Parquet 或纯文本。最后一步之前不会写入任何内容。</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="69"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="73"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="75"/>
        <source>The dataset&apos;s name; versions are numbered under it</source>
        <translation>数据集名称；版本号在此名称下递增</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="76"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="77"/>
        <source>(the default model)</source>
        <translation>（默认模型）</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="80"/>
        <source>Tokenizer of</source>
        <translation>使用其分词器</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="83"/>
        <source>Dataset file</source>
        <translation>数据集文件</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="84"/>
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
        <location filename="../pages/data_wizard.py" line="323"/>
        <source>Reading, cleaning and splitting…</source>
        <translation>正在读取、清洗和划分…</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="334"/>
        <source> (already imported with these options)</source>
        <translation>（已用相同选项导入过）</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="335"/>
        <source>Saved {0}{1}</source>
        <translation>已保存 {0}{1}</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="337"/>
        <source>{0}: {1} records ({2}); {3} rejected. Tokens counted with {4}.</source>
        <translation>{0}：{1} 条记录（{2}）；拒绝 {3} 条。token 数由 {4} 统计。</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="349"/>
        <source>Import cancelled; nothing was saved</source>
        <translation>导入已取消；未保存任何内容</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="353"/>
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
        <location filename="../pages/models.py" line="83"/>
        <location filename="../pages/models.py" line="176"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="84"/>
        <source>GGUF files chat and serve as export bases; Hugging Face folders (safetensors) are training bases. Drop a .gguf file or a model folder here to import it.</source>
        <translation>GGUF 文件用于对话，也可作为导出的基座；Hugging Face 文件夹（safetensors）用作训练基座。把 .gguf 文件或模型文件夹拖到这里即可导入。</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="88"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="88"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="88"/>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="88"/>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="89"/>
        <source>Quantisation</source>
        <translation>量化</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="89"/>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="89"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="89"/>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="90"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="102"/>
        <source>Import &amp;GGUF file…</source>
        <translation>导入 GGUF 文件(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="102"/>
        <source>Check a .gguf file and copy it into the workspace</source>
        <translation>检查 .gguf 文件并复制到工作区</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="104"/>
        <source>Import &amp;folder…</source>
        <translation>导入文件夹(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="104"/>
        <source>Check a Hugging Face folder (safetensors) and copy it</source>
        <translation>检查 Hugging Face 文件夹（safetensors）并复制</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="106"/>
        <source>&amp;Download…</source>
        <translation>下载(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="106"/>
        <source>Fetch a model from the Hugging Face hub (needs a network)</source>
        <translation>从 Hugging Face Hub 获取模型（需要网络）</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="108"/>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="108"/>
        <source>Take the model out of the catalog and delete its files</source>
        <translation>从目录中移除该模型并删除其文件</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="110"/>
        <source>&amp;Chat with it</source>
        <translation>用它对话(&amp;C)</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="110"/>
        <source>Load the model in the chat</source>
        <translation>在对话中加载此模型</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="143"/>
        <source>Import a GGUF model</source>
        <translation>导入 GGUF 模型</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="143"/>
        <source>GGUF (*.gguf)</source>
        <translation>GGUF (*.gguf)</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="148"/>
        <source>Import a Hugging Face model folder</source>
        <translation>导入 Hugging Face 模型文件夹</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="158"/>
        <source>Importing {0}…</source>
        <translation>正在导入 {0}…</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="168"/>
        <location filename="../pages/models.py" line="218"/>
        <source>{0} is in the catalog</source>
        <translation>{0} 已加入目录</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="175"/>
        <location filename="../pages/models.py" line="222"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="200"/>
        <location filename="../pages/models.py" line="224"/>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="202"/>
        <source>Checking the network…</source>
        <translation>正在检查网络…</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="209"/>
        <source>Downloading {0}…</source>
        <translation>正在下载 {0}…</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="226"/>
        <source>Download stopped; the partial file is kept for the next try</source>
        <translation>下载已停止；已下载的部分会保留，供下次继续</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="241"/>
        <source>Removing {0}…</source>
        <translation>正在删除 {0}…</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="245"/>
        <source>Remove model</source>
        <translation>删除模型</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="245"/>
        <source>Remove {0} from the catalog and delete its files from the workspace?</source>
        <translation>从目录中移除 {0} 并从工作区删除其文件？</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="247"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="248"/>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="251"/>
        <source>{0} removed</source>
        <translation>已删除 {0}</translation>
    </message>
    <message>
        <location filename="../pages/models.py" line="261"/>
        <source>{0} is a Hugging Face folder: train from it, or export it to GGUF to chat with it</source>
        <translation>{0} 是 Hugging Face 文件夹：可以用它训练，或先导出为 GGUF 再对话</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../pages/data_wizard.py" line="104"/>
        <source>Format and preview</source>
        <translation>格式与预览</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="107"/>
        <source>detect</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="115"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="116"/>
        <source>Columns</source>
        <translation>列映射</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="121"/>
        <source>Show only rejected items</source>
        <translation>只显示被拒绝的条目</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="123"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="123"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="123"/>
        <source>Question or text</source>
        <translation>问题或文本</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="123"/>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="124"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="140"/>
        <source>the columns are not JSON: {0}</source>
        <translation>列映射不是 JSON：{0}</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="141"/>
        <source>write them as {&quot;field&quot;: &quot;column&quot;}</source>
        <translation>请写成 {&quot;field&quot;: &quot;column&quot;}</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="148"/>
        <source>kept</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="151"/>
        <source>{0} items read</source>
        <translation>已读取 {0} 条</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="151"/>
        <source>the first {0} items read</source>
        <translation>已读取前 {0} 条</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="153"/>
        <source> (detected)</source>
        <translation>（自动检测）</translation>
    </message>
    <message>
        <location filename="../pages/data_wizard.py" line="154"/>
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
        <location filename="../pages/data_wizard.py" line="215"/>
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
        <location filename="../pages/train.py" line="76"/>
        <location filename="../pages/train.py" line="248"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="92"/>
        <source>auto (quick-cpu on a CPU, balanced on a GPU)</source>
        <translation>auto（CPU 上用 quick-cpu，GPU 上用 balanced）</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="95"/>
        <source>A starting point for every setting; change any of them after</source>
        <translation>为所有设置提供起点；之后可以修改任意一项</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="96"/>
        <source>Apply &amp;preset</source>
        <translation>应用预设(&amp;P)</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="98"/>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="121"/>
        <source>(the default model)</source>
        <translation>（默认模型）</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="164"/>
        <source>Estimating memory…</source>
        <translation>正在估算内存…</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="172"/>
        <source>Fits</source>
        <translation>可以放下</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="172"/>
        <source>Tight</source>
        <translation>很紧张</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="172"/>
        <source>Does not fit</source>
        <translation>放不下</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="175"/>
        <source>Suggestion: {0}</source>
        <translation>建议：{0}</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="184"/>
        <source>Export check unavailable: {0}</source>
        <translation>无法检查可导出性：{0}</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="186"/>
        <source>merged GGUF: {0}</source>
        <translation>合并后的 GGUF：{0}</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="186"/>
        <location filename="../pages/train.py" line="187"/>
        <source>yes</source>
        <translation>可以</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="186"/>
        <location filename="../pages/train.py" line="187"/>
        <source>no</source>
        <translation>不可以</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="187"/>
        <source>LoRA-GGUF adapter: {0}</source>
        <translation>LoRA-GGUF 适配器：{0}</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="188"/>
        <source>Export: </source>
        <translation>导出：</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="207"/>
        <source>Before starting</source>
        <translation>开始之前</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="215"/>
        <source>Apply the suggestion</source>
        <translation>应用建议</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="221"/>
        <source>&amp;Start training</source>
        <translation>开始训练(&amp;S)</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="250"/>
        <source>Preparing the base model…</source>
        <translation>正在准备基座模型…</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="257"/>
        <source>Resuming {0}…</source>
        <translation>正在继续 {0}…</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="267"/>
        <source>Could not start</source>
        <translation>无法启动</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="279"/>
        <source>{0:.0f} tokens/s</source>
        <translation>{0:.0f} token/秒</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="293"/>
        <source>Done: {0}</source>
        <translation>完成：{0}</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="295"/>
        <source>Cancelled; the run keeps its last checkpoint and can be resumed</source>
        <translation>已取消；训练运行保留了最后一个检查点，可以继续</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="297"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="299"/>
        <source>Training stopped</source>
        <translation>训练已停止</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="309"/>
        <source>Runs</source>
        <translation>训练运行</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="311"/>
        <source>Run</source>
        <translation>训练运行</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="311"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="311"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="311"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="311"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="312"/>
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="312"/>
        <source>Best validation loss</source>
        <translation>最佳验证损失</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="315"/>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="316"/>
        <source>Continue a cancelled or failed run from its last checkpoint</source>
        <translation>从最后一个检查点继续已取消或失败的训练运行</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="318"/>
        <source>Stop run</source>
        <translation>停止运行</translation>
    </message>
    <message>
        <location filename="../pages/train.py" line="319"/>
        <source>Ask a running run to stop at its next step</source>
        <translation>让正在运行的训练在下一步停止</translation>
    </message>
</context>
<context>
    <name>VersionView</name>
    <message>
        <location filename="../pages/data.py" line="52"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="52"/>
        <source>Reason code</source>
        <translation>原因代码</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="52"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="52"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="55"/>
        <source>Rejected items</source>
        <translation>被拒绝的条目</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="62"/>
        <source>{0} records from {1} ({2})</source>
        <translation>{0} 条记录，来自 {1}（{2}）</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="64"/>
        <source>Splits: {0}</source>
        <translation>划分：{0}</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="65"/>
        <source>Tokens (by {0}): median {1}, p95 {2}, longest {3}; {4} records longer than {5}</source>
        <translation>token 数（由 {0} 统计）：中位数 {1}，p95 {2}，最长 {3}；{4} 条记录超过 {5}</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="69"/>
        <source>Rejected: {0}</source>
        <translation>拒绝：{0}</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="89"/>
        <source>{0}, {1} split</source>
        <translation>{0} 的 {1} 划分</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="90"/>
        <source>Generated by a teacher</source>
        <translation>由教师模型生成</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="91"/>
        <source>Teacher: {0} ({1}), sha256 {2}</source>
        <translation>教师模型：{0}（{1}），sha256 {2}</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="94"/>
        <source>Adapter: {0} at scale {1}, sha256 {2}</source>
        <translation>适配器：{0}，缩放 {1}，sha256 {2}</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="96"/>
        <source>Mode: {0}; seed {1}; chat format {2}; {3} prompts from {4}</source>
        <translation>模式：{0}；随机种子 {1}；对话格式 {2}；{3} 条提示，来自 {4}</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="100"/>
        <source>Answers kept: {0} of {1}; left out: {2}</source>
        <translation>保留的回答：{1} 条中的 {0} 条；剔除：{2}</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="101"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="103"/>
        <source>Prompts like the test questions of {0} left out</source>
        <translation>已剔除与 {0} 的测试问题相似的提示</translation>
    </message>
    <message>
        <location filename="../pages/data.py" line="104"/>
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
    <name>dialogs</name>
    <message>
        <location filename="../dialogs.py" line="36"/>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="44"/>
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
        <location filename="config_text.py" line="231"/>
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
        <source>CPU threads; 0: llama-server decides</source>
        <translation>CPU 线程数；0：由 llama-server 决定</translation>
    </message>
    <message>
        <location filename="config_text.py" line="230"/>
        <source>the model&apos;s name in the API (what clients send as &quot;model&quot;); the export&apos;s or model&apos;s name when empty</source>
        <translation>API 中的模型名称（客户端作为 &quot;model&quot; 发送的值）；留空时使用导出结果或模型的名称</translation>
    </message>
    <message>
        <location filename="config_text.py" line="232"/>
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
