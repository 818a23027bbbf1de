<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AddUserDialog</name>
    <message>
        <location filename="../../ui/users_box.py" line="76"/>
        <source>添加用户</source>
        <translation>Add user</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="90"/>
        <source>工号</source>
        <translation>User ID</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="91"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="92"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="93"/>
        <source>密码（4–12 位数字）</source>
        <translation>PIN (4–12 digits)</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../ui/admin_page.py" line="39"/>
        <source>导入（CSV 或 JSON Lines）</source>
        <translation>Import (CSV or JSON Lines)</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="40"/>
        <source>导入参保人名册…</source>
        <translation>Import member roster…</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="41"/>
        <source>导入药品诊疗目录…</source>
        <translation>Import drug and service catalog…</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="44"/>
        <source>跳过错误行（错误行另存为 .rejects.csv）</source>
        <translation>Skip bad rows (saved to .rejects.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="63"/>
        <source>选择文件</source>
        <translation>Choose file</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="75"/>
        <source>正在导入 %1 …</source>
        <translation>Importing %1 …</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="88"/>
        <source>%1：读取 %2 行，新增 %3，更新 %4，拒绝 %5</source>
        <translation>%1: read %2 rows, %3 added, %4 updated, %5 rejected</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="92"/>
        <source>错误行已写入 %1</source>
        <translation>Rejected rows written to %1</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="101"/>
        <source>未导入，文件中有错误：
%1</source>
        <translation>Not imported; the file has errors:
%1</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="115"/>
        <source>本机设置</source>
        <translation>Desk settings</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="122"/>
        <source>机构</source>
        <translation>Institution</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="130"/>
        <source>默认打印机</source>
        <translation>Default printer</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="133"/>
        <source> 小时</source>
        <translation> hours</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="142"/>
        <source>结算单格式</source>
        <translation>Receipt format</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="143"/>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="144"/>
        <source>用量数据过期提醒</source>
        <translation>Usage data stale after</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="145"/>
        <source>界面语言（重启生效）</source>
        <translation>Language (on restart)</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="146"/>
        <location filename="../../ui/admin_page.py" line="170"/>
        <source>保存设置</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="170"/>
        <source>未能保存用量数据过期提醒，详见日志</source>
        <translation>The stale-usage warning was not saved; see the log</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="172"/>
        <source>设置已保存（%1）</source>
        <translation>Settings saved (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="173"/>
        <source>；界面语言重启后生效</source>
        <translation>; the interface language changes at the next start</translation>
    </message>
    <message>
        <source>收款员</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Cashier</translation>
    </message>
    <message>
        <source>主管</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>管理员</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Admin</translation>
    </message>
    <message>
        <source>窗口</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>desk</translation>
    </message>
    <message>
        <source>政策</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Policy</translation>
    </message>
    <message>
        <source>等级</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>level</translation>
    </message>
</context>
<context>
    <name>BillModel</name>
    <message>
        <location filename="../../ui/bill_model.py" line="121"/>
        <source>“%1”不是数字</source>
        <translation>“%1” is not a number</translation>
    </message>
    <message>
        <location filename="../../ui/bill_model.py" line="123"/>
        <source>数量须为正数，最多三位小数</source>
        <translation>Quantity must be positive, at most 3 decimals</translation>
    </message>
    <message>
        <location filename="../../ui/bill_model.py" line="125"/>
        <source>单价须为非负金额，最多两位小数</source>
        <translation>Unit price must be 0 or more, at most 2 decimals</translation>
    </message>
    <message>
        <location filename="../../ui/bill_model.py" line="36"/>
        <source>编码</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/bill_model.py" line="16"/>
        <source>全自费</source>
        <translation>Full self-pay</translation>
    </message>
    <message>
        <location filename="../../ui/bill_model.py" line="17"/>
        <source>〔个人账户不予支付〕</source>
        <translation>[not payable from an account]</translation>
    </message>
    <message>
        <location filename="../../ui/bill_model.py" line="36"/>
        <source>名称</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/bill_model.py" line="37"/>
        <source>规格</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Spec</translation>
    </message>
    <message>
        <location filename="../../ui/bill_model.py" line="37"/>
        <source>类别</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../../ui/bill_model.py" line="38"/>
        <source>先行自付</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Pre-self-pay</translation>
    </message>
    <message>
        <location filename="../../ui/bill_model.py" line="38"/>
        <source>数量</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Qty</translation>
    </message>
    <message>
        <location filename="../../ui/bill_model.py" line="39"/>
        <source>单价</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Price</translation>
    </message>
    <message>
        <location filename="../../ui/bill_model.py" line="39"/>
        <source>金额</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../ui/bill_model.py" line="40"/>
        <source>追溯码</source>
        <translation>Traceability codes</translation>
    </message>
    <message>
        <location filename="../../ui/bill_model.py" line="91"/>
        <source>无码</source>
        <translation>No code</translation>
    </message>
    <message>
        <location filename="../../ui/bill_model.py" line="93"/>
        <source>待扫码</source>
        <translation>Scan codes</translation>
    </message>
    <message>
        <location filename="../../ui/bill_model.py" line="94"/>
        <source>%1盒</source>
        <translation>%1 box(es)</translation>
    </message>
</context>
<context>
    <name>CounterPage</name>
    <message>
        <location filename="../../ui/counter.py" line="80"/>
        <source>刷卡或扫码：社保卡号、医保电子凭证、身份证号（F1）</source>
        <translation>Swipe or scan: social security card, e-insurance code, ID number (F1)</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="82"/>
        <source>查找 (Ctrl+F)</source>
        <translation>Find (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="84"/>
        <source>按姓名或拼音查找参保人（未带卡时）</source>
        <translation>Find a member by name or pinyin (no card at hand)</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="88"/>
        <source>添加项目：编码、名称或拼音首字母，如 amxl（F3）</source>
        <translation>Add item: code, name or pinyin initials, e.g. amxl (F3)</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="99"/>
        <source>无外配处方</source>
        <translation>No outside prescription</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="99"/>
        <source>处方：一级以下</source>
        <translation>Rx: below grade 1</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="99"/>
        <source>处方：一级</source>
        <translation>Rx: grade 1</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="100"/>
        <source>处方：二级</source>
        <translation>Rx: grade 2</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="100"/>
        <source>处方：三级</source>
        <translation>Rx: grade 3</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="106"/>
        <source>外配处方 (F7)</source>
        <translation>Prescription (F7)</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="144"/>
        <source>费用明细（Delete 删除所选行；双击数量或单价修改）</source>
        <translation>Bill items (Delete removes selected rows; double-click quantity or price to edit)</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="164"/>
        <source>个人账户支付</source>
        <translation>Pay from personal account</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="173"/>
        <source>结算所用的待遇：默认为本单项目所适用的有效认定病种待遇（政策包列明病种用药时）</source>
        <translation>The benefit the bill is settled under: by default the certified disease in force that the bill&apos;s items are for (where the pack lists the disease&apos;s items)</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="177"/>
        <source>结算 (F12)</source>
        <translation>Settle (F12)</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="181"/>
        <source>新结算 (F2)</source>
        <translation>New bill (F2)</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="185"/>
        <source>待遇</source>
        <translation>Benefit</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="200"/>
        <source>实收现金（F4）</source>
        <translation>Cash handed over (F4)</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="208"/>
        <source>实收</source>
        <translation>Tendered</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="230"/>
        <location filename="../../ui/counter.py" line="854"/>
        <source>请刷卡或扫描医保电子凭证</source>
        <translation>Swipe a card or scan an e-insurance code</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="261"/>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="261"/>
        <source>刷卡框（选中原内容，新卡直接覆盖）</source>
        <translation>Scan box (its text selected: the next card replaces it)</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="261"/>
        <source>F3</source>
        <translation>F3</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="261"/>
        <source>添加项目框</source>
        <translation>Item box</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="262"/>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="262"/>
        <source>按姓名或拼音查找参保人</source>
        <translation>Find a member by name or pinyin</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="263"/>
        <source>F4</source>
        <translation>F4</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="263"/>
        <source>实收现金</source>
        <translation>Cash handed over</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="263"/>
        <source>F6</source>
        <translation>F6</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="263"/>
        <source>切换支付方式（现金、微信、支付宝、银行卡、聚合码）</source>
        <translation>switch the payment method (cash, WeChat, Alipay, bank card, aggregated QR)</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="264"/>
        <source>编码*3</source>
        <translation>CODE*3</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="264"/>
        <source>在项目框中一次添加 3 个</source>
        <translation>in the item box: three of the item at once</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="264"/>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="264"/>
        <source>组合支付：先收部分的金额，其余按所选方式</source>
        <translation>split payment: the amount of the first part, the rest by the chosen method</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="265"/>
        <source>+ / −</source>
        <translation>+ / −</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="265"/>
        <source>所选行数量加一 / 减一</source>
        <translation>one more / one less of the selected line</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="265"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="265"/>
        <source>删除所选行</source>
        <translation>Remove the selected line</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="266"/>
        <source>F7</source>
        <translation>F7</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="266"/>
        <source>外配处方</source>
        <translation>External prescription</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="266"/>
        <source>F8</source>
        <translation>F8</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="266"/>
        <source>无追溯码</source>
        <translation>No traceability code</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="267"/>
        <source>F10</source>
        <translation>F10</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="267"/>
        <source>挂单：挂起当前单据，接待下一位</source>
        <translation>hold: set the open bill aside and serve the next patient</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="267"/>
        <source>F11</source>
        <translation>F11</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="267"/>
        <source>取单：取回挂起的单据</source>
        <translation>recall: take up a held bill again</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="268"/>
        <source>F12 / Ctrl+Enter</source>
        <translation>F12 / Ctrl+Enter</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="268"/>
        <source>结算</source>
        <translation>Settle</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="268"/>
        <source>F2 / Esc</source>
        <translation>F2 / Esc</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="269"/>
        <source>F9</source>
        <translation>F9</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="269"/>
        <source>本快捷键列表</source>
        <translation>This list of keys</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="269"/>
        <source>Ctrl+I / Ctrl+P</source>
        <translation>Ctrl+I / Ctrl+P</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="269"/>
        <source>查看 / 重打上一单</source>
        <translation>View / reprint the last settlement</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="273"/>
        <source>快捷键</source>
        <translation>Keys</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="304"/>
        <source>“%1”对应多位参保人：%2。请改刷社保卡或身份证</source>
        <translation>“%1” names several members: %2. Scan the social security card or ID card instead</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="310"/>
        <source>找不到卡号或证件号为“%1”的参保人，请核对后重新刷卡</source>
        <translation>No member with card or ID number “%1”; check it and swipe again</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="330"/>
        <source>更换参保人</source>
        <translation>Change patient</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="331"/>
        <source>当前费用明细属于 %1（%2）。
改为 %3（%4）结算？</source>
        <translation>The bill on screen is for %1 (%2).
Settle it for %3 (%4) instead?</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="346"/>
        <source>。本单仍为 %1（%2）</source>
        <translation>. This bill is still for %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="359"/>
        <source>本人账户 ¥%1</source>
        <translation>Own account ¥%1</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="396"/>
        <source>%1：%2（%3）</source>
        <translation>%1: %2 (%3)</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="490"/>
        <source>“%1”不是唯一的项目，请从列表中选择</source>
        <translation>“%1” matches more than one item; pick one from the list</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="494"/>
        <source>目录中没有“%1”</source>
        <translation>No “%1” in the catalog</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="528"/>
        <source>（拆零，每盒%1%2，本行%3%2）</source>
        <translation> (split pack: %1 %2 a box, this line %3 %2)</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="546"/>
        <source>请先选择需要追溯码的药品行</source>
        <translation>Select the drug line the codes belong to first</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="575"/>
        <source>无码</source>
        <translation>No code</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="575"/>
        <source>无追溯码的原因（如：2025年7月前购进库存）</source>
        <translation>Why the box has no code (e.g. stock bought before July 2025)</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="576"/>
        <source>2025年7月前购进库存</source>
        <translation>Stock bought before July 2025</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="607"/>
        <source>外配处方 %1：%2（%3），%4，%5 %6，%7 开具</source>
        <translation>Prescription %1: %2 (%3), %4, %5 %6, written %7</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="692"/>
        <source>实收不足，尚差 ¥%1</source>
        <translation>Not enough handed over: ¥%1 short</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="694"/>
        <source>找零 ¥%1</source>
        <translation>Change ¥%1</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="709"/>
        <source>尚未刷卡</source>
        <translation>No card swiped yet</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="730"/>
        <source>请先刷卡：尚未选择参保人</source>
        <translation>Swipe a card first: no member selected</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="734"/>
        <source>费用明细为空：请先添加项目再结算</source>
        <translation>The bill is empty: add items before settling</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="752"/>
        <source>
支付：%1</source>
        <translation>
Paid by: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="759"/>
        <source>
实收 ¥%1，找零 ¥%2</source>
        <translation>
Tendered ¥%1, change ¥%2</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="762"/>
        <source>确认结算</source>
        <translation>Confirm settlement</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="743"/>
        <location filename="../../ui/counter.py" line="749"/>
        <location filename="../../ui/counter.py" line="802"/>
        <location filename="../../ui/counter.py" line="805"/>
        <location filename="../../ui/counter.py" line="808"/>
        <location filename="../../ui/counter.py" line="811"/>
        <source>未能结算</source>
        <translation>Could not settle</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="763"/>
        <source>参保人 %4（%5）
应收现金 ¥%1
个人账户支付 ¥%2，统筹基金支付 ¥%3

确认结算？</source>
        <translation>Patient %4 (%5)
Cash due ¥%1
Personal account ¥%2, pooled fund ¥%3

Settle?</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="780"/>
        <source>%1：目录价 ¥%2，改为 ¥%3</source>
        <translation>%1: catalog price ¥%2, changed to ¥%3</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="783"/>
        <source>改价须主管授权：
%1</source>
        <translation>A changed price needs a supervisor:
%1</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="819"/>
        <source>结算单 %1</source>
        <translation>Receipt %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="823"/>
        <source>结算单未能生成</source>
        <translation>Receipt not generated</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="824"/>
        <source>结算已完成，但结算单未能生成：%1。可在“今日结算”中重打。</source>
        <translation>Settled, but the receipt could not be generated: %1. Reprint it from “Today&apos;s settlements”.</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="268"/>
        <location filename="../../ui/counter.py" line="829"/>
        <source>新结算</source>
        <translation>New bill</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="829"/>
        <source>放弃当前未结算的费用明细？</source>
        <translation>Discard the unsettled bill?</translation>
    </message>
    <message>
        <source>共济</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Family account</translation>
    </message>
</context>
<context>
    <name>DayEndPage</name>
    <message>
        <location filename="../../ui/dayend_page.py" line="25"/>
        <source>X 报表（当前收款情况）</source>
        <translation>X report (takings so far)</translation>
    </message>
    <message>
        <location filename="../../ui/dayend_page.py" line="27"/>
        <source>Z 报表（日结，需主管）</source>
        <translation>Z report (day close, supervisor)</translation>
    </message>
    <message>
        <location filename="../../ui/dayend_page.py" line="34"/>
        <source>重打所选 Z 报表</source>
        <translation>Reprint selected Z report</translation>
    </message>
    <message>
        <location filename="../../ui/dayend_page.py" line="43"/>
        <source>已日结（双击重打）</source>
        <translation>Closed days (double-click to reprint)</translation>
    </message>
    <message>
        <location filename="../../ui/dayend_page.py" line="50"/>
        <source>自上次日结：结算 %1 笔，冲销 %2 笔，医疗费 ¥%3，统筹 ¥%4，账户 ¥%5，现金 ¥%6</source>
        <translation>Since last day close: %1 settled, %2 reversed, medical costs ¥%3, pooled fund ¥%4, account ¥%5, cash ¥%6</translation>
    </message>
    <message>
        <location filename="../../ui/dayend_page.py" line="57"/>
        <source>Z %1&#x3000;营业日 %2&#x3000;日结于 %3</source>
        <translation>Z %1  business day %2  closed %3</translation>
    </message>
    <message>
        <location filename="../../ui/dayend_page.py" line="64"/>
        <source>
其中现金部分按支付方式：%1</source>
        <translation>
Of which the cash part by payment method: %1</translation>
    </message>
    <message>
        <location filename="../../ui/dayend_page.py" line="80"/>
        <source>X 报表</source>
        <translation>X report</translation>
    </message>
    <message>
        <location filename="../../ui/dayend_page.py" line="85"/>
        <source>日结：结束本营业日，生成 Z 报表</source>
        <translation>Day close: end this business day and print the Z report</translation>
    </message>
    <message>
        <location filename="../../ui/dayend_page.py" line="91"/>
        <source>日结</source>
        <translation>Day close</translation>
    </message>
    <message>
        <location filename="../../ui/dayend_page.py" line="92"/>
        <source>日结营业日 %1：结算 %2 笔，冲销 %3 笔
医疗费 ¥%4，统筹 ¥%5，账户 ¥%6，现金 ¥%7

日结后本营业日的数据不可更改，之后的结算计入下一营业日。确认日结？</source>
        <translation>Close business day %1: %2 settlements, %3 reversals
Medical costs ¥%4, pooled fund ¥%5, account ¥%6, cash ¥%7

After the close this business day cannot change; later settlements count to the next one. Close the day?</translation>
    </message>
    <message>
        <location filename="../../ui/dayend_page.py" line="104"/>
        <source>未能日结</source>
        <translation>Could not close the day</translation>
    </message>
    <message>
        <location filename="../../ui/dayend_page.py" line="124"/>
        <source>Z 报表 第%1号</source>
        <translation>Z report No. %1</translation>
    </message>
</context>
<context>
    <name>Domain</name>
    <message>
        <location filename="../../ui/labels.py" line="14"/>
        <source>在职</source>
        <translation>Employed</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="14"/>
        <source>退休</source>
        <translation>Retired</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="15"/>
        <source>男</source>
        <translation>M</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="15"/>
        <source>女</source>
        <translation>F</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="16"/>
        <source>随单位</source>
        <translation>Via employer</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="17"/>
        <source>个人二档</source>
        <translation>Individual tier 2</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="18"/>
        <source>个人一档</source>
        <translation>Individual tier 1</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="19"/>
        <source>甲</source>
        <translation>A</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="19"/>
        <source>乙</source>
        <translation>B</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="20"/>
        <source>丙</source>
        <translation>C</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="21"/>
        <source>配偶</source>
        <translation>spouse</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="21"/>
        <source>父母</source>
        <translation>parent</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="22"/>
        <source>子女</source>
        <translation>child</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="23"/>
        <source>家属</source>
        <translation>relative</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="24"/>
        <source>普通门诊</source>
        <translation>Ordinary outpatient</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="24"/>
        <source>门诊慢性病</source>
        <translation>Outpatient chronic disease</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="25"/>
        <source>门诊特殊疾病</source>
        <translation>Outpatient special disease</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="25"/>
        <source>急诊抢救</source>
        <translation>Emergency and rescue</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="26"/>
        <source>日间手术</source>
        <translation>Day surgery</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="27"/>
        <source>现金</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="27"/>
        <source>微信</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="28"/>
        <source>支付宝</source>
        <translation>Alipay</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="28"/>
        <source>银行卡</source>
        <translation>Bank card</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="29"/>
        <source>聚合码</source>
        <translation>Aggregated QR</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="30"/>
        <source>诊所</source>
        <translation>Clinic</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="30"/>
        <source>医院</source>
        <translation>Hospital</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="31"/>
        <source>零售药店</source>
        <translation>Retail pharmacy</translation>
    </message>
</context>
<context>
    <name>DraftNote</name>
    <message>
        <location filename="../../ui/draft_note.py" line="22"/>
        <source>放弃此草稿</source>
        <translation>Discard this draft</translation>
    </message>
    <message>
        <location filename="../../ui/draft_note.py" line="34"/>
        <source>已恢复一张未注明收款员的未结算草稿。结算将记在您名下；如非本窗口当前患者，请放弃此草稿。</source>
        <translation>Restored an unsettled draft with no cashier recorded. It will be settled under your name; if it is not the patient at this counter, discard it.</translation>
    </message>
    <message>
        <location filename="../../ui/draft_note.py" line="36"/>
        <source>已恢复 %1（工号 %2）未结算的草稿。结算将记在您名下；如非本窗口当前患者，请放弃此草稿。</source>
        <translation>Restored the unsettled draft of %1 (user %2). It will be settled under your name; if it is not the patient at this counter, discard it.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/errors.py" line="22"/>
        <source>密码须为 4–12 位数字（半角 0–9）</source>
        <translation>A PIN must be 4 to 12 digits (0–9)</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="23"/>
        <source>工号“%1”无效：须为 1–32 位字母、数字或 . _ -</source>
        <translation>User id “%1” is not valid: 1 to 32 letters, digits, . _ or -</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="24"/>
        <source>角色“%1”不存在</source>
        <translation>There is no role “%1”</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="25"/>
        <source>姓名不能为空</source>
        <translation>The name must not be empty</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="26"/>
        <source>工号“%1”已存在</source>
        <translation>User id “%1” exists already</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="27"/>
        <source>没有工号为“%1”的用户</source>
        <translation>There is no user “%1”</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="28"/>
        <source>%1 是最后一位启用的管理员，不能停用或降级；请先添加另一位管理员</source>
        <translation>%1 is the last enabled admin and cannot be disabled or demoted; add another admin first</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="29"/>
        <source>不能停用自己的工号</source>
        <translation>You cannot disable your own user</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="33"/>
        <source>收款员</source>
        <translation>cashier</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="33"/>
        <source>主管</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="34"/>
        <source>管理员</source>
        <translation>admin</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="35"/>
        <source>结算</source>
        <translation>settling bills</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="35"/>
        <source>冲正</source>
        <translation>reversing settlements</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="36"/>
        <source>补录</source>
        <translation>late entries</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="36"/>
        <source>日结</source>
        <translation>Day close</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="37"/>
        <source>改价授权</source>
        <translation>approving a changed price</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="38"/>
        <source>导入名册或目录</source>
        <translation>importing rosters or catalogs</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="38"/>
        <source>管理用户</source>
        <translation>managing users</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="39"/>
        <source>更改本机设置</source>
        <translation>changing desk settings</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="53"/>
        <source>第 %1 行 %2 的数量 %3 超过合理上限 %4，请核对</source>
        <translation>Line %1 (%2): quantity %3 is above the plausible limit of %4; please check</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="56"/>
        <source>第 %1 行 %2 的金额 ¥%3 超过单行合理上限 ¥%4，请核对数量和单价</source>
        <translation>Line %1 (%2): amount ¥%3 is above the plausible limit of ¥%4 for one line; check quantity and price</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="60"/>
        <source>第 %1 行 %2 的单价 ¥%3 与目录价 ¥%4 不同，须主管授权</source>
        <translation>Line %1 (%2): price ¥%3 differs from the catalog price ¥%4 and needs a supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="65"/>
        <source>“%1”对应多位参保人：%2。请改刷社保卡或身份证</source>
        <translation>“%1” names several members: %2. Scan the social security card or ID card instead</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="77"/>
        <source>连续输错密码 %1 次，该工号已锁定，请主管解锁或稍后再试</source>
        <translation>Locked after %1 wrong PINs in a row; ask a supervisor to unlock it, or try again later</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="79"/>
        <source>工号或密码错误</source>
        <translation>Wrong user ID or PIN</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="84"/>
        <source>权限不足：%1须由%2操作</source>
        <translation>Not allowed: %1 needs a %2</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="86"/>
        <source>权限不足：须由%1操作</source>
        <translation>Not allowed: that needs a %1</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="96"/>
        <source>参保人编号</source>
        <translation>member id</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="96"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="97"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="97"/>
        <source>社保卡号</source>
        <translation>Card number</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="98"/>
        <source>医保电子凭证</source>
        <translation>e-insurance code</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="98"/>
        <source>人员类别</source>
        <translation>category</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="99"/>
        <source>出生日期</source>
        <translation>birth date</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="99"/>
        <source>参保档次</source>
        <translation>scheme</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="100"/>
        <source>家庭医生签约机构</source>
        <translation>family doctor&apos;s institution</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="101"/>
        <source>参保状态</source>
        <translation>eligibility</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="101"/>
        <source>个人账户余额</source>
        <translation>account balance</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="102"/>
        <source>家庭共济</source>
        <translation>family links</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="102"/>
        <source>认定病种</source>
        <translation>Certified diseases</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="103"/>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="103"/>
        <source>规格</source>
        <translation>Spec</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="104"/>
        <source>单位</source>
        <translation>unit</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="104"/>
        <source>类别</source>
        <translation>class</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="105"/>
        <source>先行自付比例</source>
        <translation>pre-self-pay ratio</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="105"/>
        <source>单价</source>
        <translation>Price</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="106"/>
        <source>费用类别</source>
        <translation>fee category</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="106"/>
        <source>不可用个人账户</source>
        <translation>account excluded</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="107"/>
        <source>条码</source>
        <translation>barcode</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="107"/>
        <source>数量</source>
        <translation>Qty</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="108"/>
        <source>实收</source>
        <translation>Tendered</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="108"/>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="109"/>
        <source>密码</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="111"/>
        <source>%1“%2”不是数字</source>
        <translation>%1 “%2” is not a number</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="112"/>
        <source>%1不能为负数（%2）</source>
        <translation>%1 cannot be negative (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="113"/>
        <source>%1 %2 超出上限</source>
        <translation>%1 %2 is over the limit</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="114"/>
        <source>%1 %2 的小数位数过多</source>
        <translation>%1 %2 has too many decimals</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="115"/>
        <source>缺少%1</source>
        <translation>%1 is missing</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="116"/>
        <source>%1“%2”不是可选的值</source>
        <translation>%1 “%2” is not one of the allowed values</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="117"/>
        <source>未知的字段%1</source>
        <translation>unknown field %1</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="118"/>
        <source>%1的值无效</source>
        <translation>%1 is not valid</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="119"/>
        <source>%1含有控制字符（%2），请删除</source>
        <translation>%1 contains a control character (%2); remove it</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="120"/>
        <source>有 %2 个字段，表头有 %3 个</source>
        <translation>has %2 fields, the header has %3</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="121"/>
        <source>不是有效的 JSON</source>
        <translation>is not valid JSON</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="122"/>
        <source>嵌套过深，不是一行数据</source>
        <translation>is nested too deeply to be a row</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="123"/>
        <source>不是 JSON 对象</source>
        <translation>is not a JSON object</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="124"/>
        <source>%1不是已知的列</source>
        <translation>%1 is not a known column</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="125"/>
        <source>%1不是单个值（文字、数字或 true/false）</source>
        <translation>%1 is not a single value (text, number or true/false)</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="126"/>
        <source>%1“%2”与第 %3 行重复</source>
        <translation>%1 “%2” repeats line %3</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="127"/>
        <source>%1“%2”已属于参保人 %3</source>
        <translation>%1 “%2” belongs to member %3 already</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="128"/>
        <source>%1中的“%2”不是本机的参保人</source>
        <translation>“%2” in %1 is not a member on this desk</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="131"/>
        <source>文件无法读取</source>
        <translation>The file cannot be read</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="132"/>
        <source>第 %1 行不是所选编码的文字（请另存为 UTF-8 或 GB18030）</source>
        <translation>Line %1 is not text in the chosen encoding (save it as UTF-8 or GB18030)</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="133"/>
        <source>第 %1 行格式有误（引号或分隔符不配对，或表头列名重复）</source>
        <translation>Line %1 is malformed (unmatched quotes or separators, or a repeated header column)</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="134"/>
        <source>文件为空：第一行应为列名</source>
        <translation>The file is empty: the first line should name the columns</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="135"/>
        <source>表头缺少列：%2</source>
        <translation>The header lacks columns: %2</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="136"/>
        <source>表头有未知的列：%2</source>
        <translation>The header has unknown columns: %2</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="137"/>
        <source>文件中没有可导入的行</source>
        <translation>The file has no rows to import</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="159"/>
        <source>第 %1 行：%2</source>
        <translation>Line %1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="168"/>
        <source>%1 行有错误，未导入任何数据：</source>
        <translation>%1 bad rows; nothing was imported:</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="171"/>
        <source>……另有 %1 行</source>
        <translation>… and %1 more</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="88"/>
        <source>该日期没有适用的医保政策：</source>
        <translation>No insurance policy in force on that date: </translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="88"/>
        <source>项目不在目录中：</source>
        <translation>Item not in the catalog: </translation>
    </message>
</context>
<context>
    <name>HeldBillsDialog</name>
    <message>
        <location filename="../../ui/held_bills.py" line="33"/>
        <source>取单：选择挂起的单据</source>
        <translation>Recall: choose a held bill</translation>
    </message>
    <message>
        <location filename="../../ui/held_bills.py" line="38"/>
        <source>参保人</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../ui/held_bills.py" line="38"/>
        <source>挂单时间</source>
        <translation>Held at</translation>
    </message>
    <message>
        <location filename="../../ui/held_bills.py" line="38"/>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../ui/held_bills.py" line="39"/>
        <source>项目数</source>
        <translation>Items</translation>
    </message>
    <message>
        <location filename="../../ui/held_bills.py" line="39"/>
        <source>收款员</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <location filename="../../ui/held_bills.py" line="46"/>
        <source>（未刷卡）</source>
        <translation>(no card scanned)</translation>
    </message>
    <message>
        <location filename="../../ui/held_bills.py" line="59"/>
        <source>取单</source>
        <translation>Recall</translation>
    </message>
    <message>
        <location filename="../../ui/held_bills.py" line="60"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/held_bills.py" line="64"/>
        <source>Enter 或双击取回所选单据</source>
        <translation>Enter or a double click takes up the selected bill</translation>
    </message>
</context>
<context>
    <name>HoldAndRecall</name>
    <message>
        <location filename="../../ui/held_bills.py" line="83"/>
        <source>挂单 (F10)</source>
        <translation>Hold (F10)</translation>
    </message>
    <message>
        <location filename="../../ui/held_bills.py" line="86"/>
        <location filename="../../ui/held_bills.py" line="98"/>
        <source>取单 (F11)</source>
        <translation>Recall (F11)</translation>
    </message>
    <message>
        <location filename="../../ui/held_bills.py" line="105"/>
        <source>费用明细为空：没有可挂起的单据</source>
        <translation>The bill is empty: there is nothing to hold</translation>
    </message>
    <message>
        <location filename="../../ui/held_bills.py" line="122"/>
        <source>已挂单：%1，¥%2。按 F11 取单</source>
        <translation>Held: %1, ¥%2. Press F11 to recall it</translation>
    </message>
    <message>
        <location filename="../../ui/held_bills.py" line="123"/>
        <source>未刷卡</source>
        <translation>no card scanned</translation>
    </message>
    <message>
        <location filename="../../ui/held_bills.py" line="131"/>
        <source>当前单据尚未结算：请先挂单（F10）或结算，再取单</source>
        <translation>The open bill is not settled: hold it (F10) or settle it before recalling another</translation>
    </message>
    <message>
        <location filename="../../ui/held_bills.py" line="135"/>
        <source>没有挂起的单据</source>
        <translation>No bills are held</translation>
    </message>
    <message>
        <location filename="../../ui/held_bills.py" line="144"/>
        <source>该单据已被取回</source>
        <translation>That bill has been recalled already</translation>
    </message>
    <message>
        <location filename="../../ui/held_bills.py" line="155"/>
        <source>挂起的单据无法读取（已记入日志），请重新录入</source>
        <translation>The held bill cannot be read (see the log); enter it again</translation>
    </message>
</context>
<context>
    <name>LastSettlementStrip</name>
    <message>
        <location filename="../../ui/last_settlement.py" line="30"/>
        <source>查看</source>
        <translation>View</translation>
    </message>
    <message>
        <location filename="../../ui/last_settlement.py" line="31"/>
        <source>查看上一单（Ctrl+I）</source>
        <translation>View the last settlement (Ctrl+I)</translation>
    </message>
    <message>
        <location filename="../../ui/last_settlement.py" line="35"/>
        <source>重打</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location filename="../../ui/last_settlement.py" line="36"/>
        <source>重打上一单（Ctrl+P），打印时计入重打次数</source>
        <translation>Reprint the last settlement (Ctrl+P); counted as a reprint when printed</translation>
    </message>
    <message>
        <location filename="../../ui/last_settlement.py" line="60"/>
        <source>上一单：无</source>
        <translation>Last settlement: none</translation>
    </message>
    <message>
        <location filename="../../ui/last_settlement.py" line="68"/>
        <source>上一单 %1 %2 %3 ¥%4（统筹 %5 账户 %6 现金 %7）</source>
        <translation>Last %1 %2 %3 ¥%4 (pool %5, account %6, cash %7)</translation>
    </message>
    <message>
        <location filename="../../ui/last_settlement.py" line="70"/>
        <source>上一单（冲销）%1 %2 %3 ¥%4（统筹 %5 账户 %6 现金 %7）</source>
        <translation>Last (reversal) %1 %2 %3 ¥%4 (pool %5, account %6, cash %7)</translation>
    </message>
    <message>
        <location filename="../../ui/last_settlement.py" line="78"/>
        <source>查看结算单 %1</source>
        <translation>View receipt %1</translation>
    </message>
    <message>
        <location filename="../../ui/last_settlement.py" line="82"/>
        <source>重打结算单 %1</source>
        <translation>Reprint receipt %1</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login.py" line="15"/>
        <source>门诊共济结算 — 登录</source>
        <translation>Outpatient settlement — Log in</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="20"/>
        <source>收费窗口 %1&#x3000;医保政策 %2</source>
        <translation>Billing desk %1  Policy %2</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="35"/>
        <source>工号</source>
        <translation>User ID</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="36"/>
        <source>密码</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="38"/>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="47"/>
        <source>演示模式：演示数据，不作报销凭证。
</source>
        <translation>Demo mode: demo data, not valid for reimbursement.
</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="61"/>
        <source>登录失败：%1</source>
        <translation>Login failed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="71"/>
        <source>连续输错密码，该工号已锁定，请主管解锁或稍后再试</source>
        <translation>Too many wrong PINs: this user ID is locked; ask a supervisor to unlock it or try again later</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="73"/>
        <source>工号或密码错误</source>
        <translation>Wrong user ID or PIN</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="30"/>
        <source>门诊共济结算 — %1 窗口 %2</source>
        <translation>Outpatient settlement — %1 desk %2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="31"/>
        <source>【演示】</source>
        <translation> [DEMO]</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="36"/>
        <source>收费</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="37"/>
        <source>今日结算</source>
        <translation>Today&apos;s settlements</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="38"/>
        <source>日结</source>
        <translation>Day close</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="46"/>
        <source>管理</source>
        <translation>Admin</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="55"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="74"/>
        <source>切换用户 / 注销</source>
        <translation>Switch user / log out</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="85"/>
        <source>切换用户 / 注销（Ctrl+L）：未结算的单据保存为本人草稿</source>
        <translation>Switch user / log out (Ctrl+L): an unsettled bill is kept as your draft</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="141"/>
        <source>%1（今日无适用政策）</source>
        <translation>%1 (no policy in force today)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="143"/>
        <source>%1（%2）&#x3000;%3 窗口 %4&#x3000;%5&#x3000;政策 %6</source>
        <translation>%1 (%2)  %3 desk %4  %5  policy %6</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="146"/>
        <source>&#x3000;【演示数据】</source>
        <translation>  [demo data]</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="154"/>
        <source>从未</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="155"/>
        <source>待上传 %1 笔&#x3000;上次上传：%2&#x3000;上次下载：%3</source>
        <translation>%1 to upload  Last upload: %2  Last download: %3</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="158"/>
        <source>&#x3000;（未配置中心）</source>
        <translation>  (no hub configured)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="160"/>
        <source>&#x3000;用量数据已过期</source>
        <translation>  usage data is stale</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="162"/>
        <source>正在同步…&#x3000;</source>
        <translation>Syncing…  </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="182"/>
        <source>超限通报</source>
        <translation>Overrun reported</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="182"/>
        <source>中心通报了 %1 条超限：两个窗口离线期间合计超出了年度限额或个人账户余额，医保可能不予支付。详见日结报表和月度申报表。</source>
        <translation>The hub reported %1 overrun(s): while offline, two desks together went beyond an annual cap or a personal account. The insurance may refuse to pay this; see the day-close and monthly reports.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="186"/>
        <source>追溯码重复销售</source>
        <translation>Traceability code sold twice</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="187"/>
        <source>中心通报了 %1 个药品追溯码单位被重复销售（同一盒药在前一笔未冲销时再次售出，疑似回流药），医保可能不予支付后一笔。详见日结报表和月度申报表。</source>
        <translation>The hub reported %1 drug box unit(s) sold twice (a box sold again while its earlier sale stood: possibly resold drugs). The insurance may refuse to pay the later sale; see the day-close and monthly reports.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="190"/>
        <source>同步未完成</source>
        <translation>Sync not finished</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="190"/>
        <source>未能与中心同步，稍后会自动重试：%1</source>
        <translation>Could not sync with the hub; it will retry by itself: %1</translation>
    </message>
    <message>
        <source>收款员</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>cashier</translation>
    </message>
    <message>
        <source>主管</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>supervisor</translation>
    </message>
    <message>
        <source>管理员</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>admin</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="42"/>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
</context>
<context>
    <name>MemberCard</name>
    <message>
        <location filename="../../ui/member_card.py" line="20"/>
        <source>参保人</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="23"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="23"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="23"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="23"/>
        <source>家庭医生</source>
        <translation>Family doctor</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="23"/>
        <source>个人账户</source>
        <translation>Personal account</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="24"/>
        <source>共济账户</source>
        <translation>Family account</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="24"/>
        <source>起付标准</source>
        <translation>Deductible</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="24"/>
        <source>统筹支付</source>
        <translation>Pooled fund</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="24"/>
        <source>用量数据</source>
        <translation>Usage data</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="24"/>
        <source>认定病种</source>
        <translation>Certified diseases</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="51"/>
        <source>&#x3000;【演示数据】</source>
        <translation>  [demo data]</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="53"/>
        <source>&#x3000;（不享受门诊统筹）</source>
        <translation>  (no outpatient pooled fund)</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="55"/>
        <source>未签约</source>
        <translation>Not signed up</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="58"/>
        <location filename="../../ui/member_card.py" line="78"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="71"/>
        <source>%1 %2（%3）%4 至 %5</source>
        <translation>%1 %2 (%3) %4 to %5</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="74"/>
        <source>【不在有效期内】</source>
        <translation> [not in force today]</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="76"/>
        <source>【本机构级别不适用】</source>
        <translation> [not paid at this institution&apos;s level]</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="85"/>
        <source>年度 %1，已累计 %2，尚余 %3</source>
        <translation>Annual %1, met %2, %3 left</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="88"/>
        <source>每次 %1，今日本机构已计 %2</source>
        <translation>Per visit %1, met here today %2</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="93"/>
        <source>已付 %1 / 限额 %2，尚余 %3</source>
        <translation>Paid %1 / cap %2, %3 left</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="97"/>
        <source>%1 年度，中心数据 %2 小时前同步</source>
        <translation>Year %1, centre data synced %2 h ago</translation>
    </message>
    <message>
        <location filename="../../ui/member_card.py" line="101"/>
        <source>%1 年度，仅本机记录（尚未与中心同步）</source>
        <translation>Year %1, this desk&apos;s records only (not yet synced)</translation>
    </message>
    <message>
        <source>岁</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation> yrs</translation>
    </message>
</context>
<context>
    <name>MemberSearchDialog</name>
    <message>
        <location filename="../../ui/member_search.py" line="24"/>
        <source>查找参保人</source>
        <translation>Find a member</translation>
    </message>
    <message>
        <location filename="../../ui/member_search.py" line="27"/>
        <source>姓名、拼音或拼音首字母，如 张、zhangs、zs</source>
        <translation>Name, pinyin or pinyin initials, e.g. 张, zhangs, zs</translation>
    </message>
    <message>
        <location filename="../../ui/member_search.py" line="33"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/member_search.py" line="33"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../ui/member_search.py" line="33"/>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../../ui/member_search.py" line="33"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/member_search.py" line="34"/>
        <source>社保卡号</source>
        <translation>Card number</translation>
    </message>
    <message>
        <location filename="../../ui/member_search.py" line="34"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/member_search.py" line="45"/>
        <source>选定</source>
        <translation>Choose</translation>
    </message>
    <message>
        <location filename="../../ui/member_search.py" line="49"/>
        <source>输入姓名或拼音，↑↓ 选择，回车选定：</source>
        <translation>Type a name or pinyin, ↑↓ to move, Enter to choose:</translation>
    </message>
    <message>
        <location filename="../../ui/member_search.py" line="65"/>
        <source>正常</source>
        <translation>Insured</translation>
    </message>
    <message>
        <location filename="../../ui/member_search.py" line="65"/>
        <source>暂停参保</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../../ui/member_search.py" line="73"/>
        <source>没有姓名或拼音以“%1”开头的参保人</source>
        <translation>No member&apos;s name or pinyin begins with “%1”</translation>
    </message>
    <message>
        <location filename="../../ui/member_search.py" line="75"/>
        <source>仅列出前 %1 位，请多输入几个字</source>
        <translation>Only the first %1 are listed; type more</translation>
    </message>
    <message>
        <location filename="../../ui/member_search.py" line="77"/>
        <source>共 %1 位</source>
        <translation>%1 found</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <location filename="../../ui/operations.py" line="92"/>
        <source>操作未完成</source>
        <translation>Not done</translation>
    </message>
    <message>
        <location filename="../../ui/operations.py" line="93"/>
        <source>操作未完成，详情已写入日志。</source>
        <translation>The operation did not finish; the details are in the log.</translation>
    </message>
</context>
<context>
    <name>Payment</name>
    <message>
        <location filename="../../ui/payment_box.py" line="125"/>
        <source>组合超出应收 ¥%1</source>
        <translation>Split over the due ¥%1</translation>
    </message>
    <message>
        <location filename="../../ui/payment_box.py" line="127"/>
        <source>组合不足应收 ¥%1</source>
        <translation>Split short of the due ¥%1</translation>
    </message>
    <message>
        <location filename="../../ui/payment_box.py" line="129"/>
        <source>组合金额“%1”无效</source>
        <translation>Split amount “%1” invalid</translation>
    </message>
    <message>
        <location filename="../../ui/payment_box.py" line="131"/>
        <source>组合两部分方式相同</source>
        <translation>Both parts use one method</translation>
    </message>
    <message>
        <location filename="../../ui/payment_box.py" line="132"/>
        <source>支付方式无法使用</source>
        <translation>Payment method unusable</translation>
    </message>
    <message>
        <location filename="../../ui/payment_box.py" line="139"/>
        <source>支付方式合计 ¥%1 与应收现金 ¥%2 不符：组合支付的金额不能超过应收现金</source>
        <translation>The payment parts come to ¥%1, not the cash due ¥%2: a part cannot be more than the cash due</translation>
    </message>
    <message>
        <location filename="../../ui/payment_box.py" line="141"/>
        <source>支付方式合计 ¥%1 与应收现金 ¥%2 不符</source>
        <translation>The payment parts come to ¥%1, not the cash due ¥%2</translation>
    </message>
    <message>
        <location filename="../../ui/payment_box.py" line="144"/>
        <source>组合支付金额“%1”不是有效金额（非负，最多两位小数）</source>
        <translation>The split payment amount “%1” is not an amount (non-negative, at most two decimals)</translation>
    </message>
    <message>
        <location filename="../../ui/payment_box.py" line="146"/>
        <source>组合支付的两部分不能是同一种方式（%1）</source>
        <translation>The two parts of a split payment cannot use the same method (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/payment_box.py" line="147"/>
        <source>支付方式“%1”无法使用</source>
        <translation>The payment method “%1” cannot be used</translation>
    </message>
</context>
<context>
    <name>PaymentBox</name>
    <message>
        <location filename="../../ui/payment_box.py" line="34"/>
        <source>支付方式（F6 切换）：组合支付时为其余部分的方式</source>
        <translation>Payment method (F6 switches); in a split payment, the method of the rest</translation>
    </message>
    <message>
        <location filename="../../ui/payment_box.py" line="37"/>
        <source>金额（F5）</source>
        <translation>Amount (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/payment_box.py" line="38"/>
        <source>组合支付：先收的一部分（如现金 20），其余按左侧支付方式</source>
        <translation>Split payment: the first part (say 20 in cash); the rest by the method on the left</translation>
    </message>
    <message>
        <location filename="../../ui/payment_box.py" line="45"/>
        <source>支付方式</source>
        <translation>Payment</translation>
    </message>
    <message>
        <location filename="../../ui/payment_box.py" line="48"/>
        <source>其中</source>
        <translation>of which</translation>
    </message>
    <message>
        <location filename="../../ui/payment_box.py" line="50"/>
        <source>用</source>
        <translation>by</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <location filename="../../ui/pdf_preview.py" line="69"/>
        <location filename="../../ui/pdf_preview.py" line="122"/>
        <source>打印 (Ctrl+P)</source>
        <translation>Print (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_preview.py" line="70"/>
        <location filename="../../ui/pdf_preview.py" line="130"/>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_preview.py" line="71"/>
        <source>关闭 (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_preview.py" line="112"/>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_preview.py" line="106"/>
        <location filename="../../ui/pdf_preview.py" line="126"/>
        <source>打印失败</source>
        <translation>Printing failed</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_preview.py" line="138"/>
        <source>保存失败</source>
        <translation>Save failed</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_preview.py" line="138"/>
        <source>无法保存文件：%1</source>
        <translation>Cannot save the file: %1</translation>
    </message>
</context>
<context>
    <name>PharmacyPanel</name>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="27"/>
        <source>追溯码</source>
        <translation>Traceability codes</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="30"/>
        <source>扫描药盒追溯码（20位），回车；空回车返回添加项目</source>
        <translation>Scan each box&apos;s traceability code (20 digits) and Enter; an empty Enter goes back to the items</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="32"/>
        <source>无码 (F8)</source>
        <translation>No code (F8)</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="37"/>
        <source>批号</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="40"/>
        <source>有效期至</source>
        <translation>Expiry</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="41"/>
        <source>有效期至：YYYY-MM-DD</source>
        <translation>Expiry: YYYY-MM-DD</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="81"/>
        <source>所选项目无需追溯码</source>
        <translation>The selected item needs no traceability code</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="84"/>
        <source>%1：无码（%2）</source>
        <translation>%1: no code (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="87"/>
        <source>%1：已扫 %2 盒%3</source>
        <translation>%1: %2 box(es) scanned%3</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="93"/>
        <source>演示数据：下一盒的追溯码 %1（可复制后粘贴并回车）</source>
        <translation>Demo data: the next box&apos;s traceability code is %1 (copy it, paste it here and press Enter)</translation>
    </message>
</context>
<context>
    <name>PharmacyWords</name>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="104"/>
        <source>追溯码“%1”只能是数字</source>
        <translation>Traceability code “%1” must be digits only</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="105"/>
        <source>追溯码“%1”为%2位，应为20位</source>
        <translation>Traceability code “%1” has %2 digits; a code has 20</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="106"/>
        <source>追溯码“%1”与该药品不符（应以 %2 开头）</source>
        <translation>Traceability code “%1” is not this drug&apos;s (its codes start with %2)</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="108"/>
        <source>追溯码“%1”在本单中已扫描过</source>
        <translation>Traceability code “%1” is already scanned on this bill</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="109"/>
        <source>追溯码“%1”已在本机第 %2 号结算单售出，不能重复销售</source>
        <translation>Traceability code “%1” was sold on receipt %2 at this desk; a box is sold once</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="111"/>
        <source>追溯码“%1”这一盒已拆零售完（结算单 %2）</source>
        <translation>Every unit of the box “%1” is sold (receipts %2)</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="113"/>
        <source>追溯码“%1”多余：本行数量已够</source>
        <translation>Traceability code “%1” is not needed: the line&apos;s quantity is covered</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="114"/>
        <source>第 %1 行缺少追溯码：请扫描每一盒的追溯码，或标记无码并说明原因</source>
        <translation>Line %1 lacks traceability codes: scan every box, or mark it no-code with a reason</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="116"/>
        <source>该项目无需追溯码</source>
        <translation>This item carries no traceability code</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="117"/>
        <source>追溯码“%1”入库登记为药品 %2，与本行药品 %3 不符</source>
        <translation>Traceability code “%1” was received as item %2, not this line&apos;s item %3</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="119"/>
        <source>追溯码“%1”所属批号 %2 已于 %3 过期：过期药品不得销售</source>
        <translation>Traceability code “%1”: batch %2 expired on %3; an expired drug is not sold</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="121"/>
        <source>追溯码“%1”入库批号 %2（有效期至 %3），与本行批号 %4（有效期至 %5）不同：不同批号请分行录入</source>
        <translation>Traceability code “%1” was received as batch %2 (expiry %3), not the line&apos;s batch %4 (expiry %5): put another batch on its own line</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="132"/>
        <source>处方药（%1）须凭外配处方医保结算：请按 F7 录入处方</source>
        <translation>Prescription drugs (%1) are settled on insurance only with an external prescription: press F7 to enter it</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="134"/>
        <source>处方已过有效期：%1 开具，有效至 %2</source>
        <translation>The prescription has expired: written %1, valid until %2</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="136"/>
        <source>处方开具日期 %1 晚于今天</source>
        <translation>The prescription&apos;s date %1 is after today</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="137"/>
        <source>处方有效期 %1 天超过允许的 %2 天</source>
        <translation>A validity of %1 days is longer than the %2 days allowed</translation>
    </message>
</context>
<context>
    <name>PinResetDialog</name>
    <message>
        <location filename="../../ui/users_box.py" line="28"/>
        <source>重置密码</source>
        <translation>Reset PIN</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="41"/>
        <source>为 %1（%2）设置新密码，须主管或管理员输入本人密码授权。</source>
        <translation>A new PIN for %1 (%2), approved by a supervisor or admin with their own PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="43"/>
        <source>新密码（4–12 位数字）</source>
        <translation>New PIN (4–12 digits)</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="44"/>
        <source>再次输入新密码</source>
        <translation>New PIN again</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="45"/>
        <source>授权人工号</source>
        <translation>Approver&apos;s user id</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="46"/>
        <source>授权人密码</source>
        <translation>Approver&apos;s PIN</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="55"/>
        <source>两次输入的新密码不一致</source>
        <translation>The two new PINs differ</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="60"/>
        <source>授权失败：%1</source>
        <translation>Authorisation failed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="64"/>
        <source>%1 不能授权重置密码：须主管或管理员</source>
        <translation>%1 cannot approve a PIN reset: that needs a supervisor or admin</translation>
    </message>
</context>
<context>
    <name>PrescriptionDialog</name>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="143"/>
        <source>一级以下</source>
        <translation>Below level 1</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="143"/>
        <source>一级</source>
        <translation>Level 1</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="144"/>
        <source>二级</source>
        <translation>Level 2</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="144"/>
        <source>三级</source>
        <translation>Level 3</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="152"/>
        <source>外配处方 (F7)</source>
        <translation>Prescription (F7)</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="177"/>
        <source>当日有效</source>
        <translation>The day written</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="182"/>
        <location filename="../../ui/pharmacy_panel.py" line="208"/>
        <source>处方编号</source>
        <translation>Prescription number</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="182"/>
        <location filename="../../ui/pharmacy_panel.py" line="208"/>
        <source>开方机构编码</source>
        <translation>Institution code</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="183"/>
        <location filename="../../ui/pharmacy_panel.py" line="209"/>
        <source>开方机构名称</source>
        <translation>Institution name</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="183"/>
        <source>机构级别</source>
        <translation>Institution level</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="184"/>
        <location filename="../../ui/pharmacy_panel.py" line="209"/>
        <source>开方医师</source>
        <translation>Doctor</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="184"/>
        <location filename="../../ui/pharmacy_panel.py" line="210"/>
        <source>诊断编码</source>
        <translation>Diagnosis code</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="185"/>
        <location filename="../../ui/pharmacy_panel.py" line="210"/>
        <source>诊断名称</source>
        <translation>Diagnosis</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="185"/>
        <source>开具日期</source>
        <translation>Written on</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="186"/>
        <source>医师注明有效天数</source>
        <translation>Validity the doctor noted (days)</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="213"/>
        <source>请填写%1</source>
        <translation>Please fill in: %1</translation>
    </message>
</context>
<context>
    <name>SettlementsPage</name>
    <message>
        <location filename="../../ui/settlements_page.py" line="28"/>
        <source>按单号、姓名或参保人编号查找</source>
        <translation>Find by receipt no., name or member no.</translation>
    </message>
    <message>
        <location filename="../../ui/settlements_page.py" line="44"/>
        <source>查看</source>
        <translation>View</translation>
    </message>
    <message>
        <location filename="../../ui/settlements_page.py" line="44"/>
        <source>重打</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location filename="../../ui/settlements_page.py" line="44"/>
        <location filename="../../ui/settlements_page.py" line="76"/>
        <source>冲销</source>
        <translation>Reverse</translation>
    </message>
    <message>
        <location filename="../../ui/settlements_page.py" line="76"/>
        <source>已冲销</source>
        <translation>Reversed</translation>
    </message>
    <message>
        <location filename="../../ui/settlements_page.py" line="76"/>
        <source>结算</source>
        <translation>Settlement</translation>
    </message>
    <message>
        <location filename="../../ui/settlements_page.py" line="98"/>
        <source>请选择</source>
        <translation>Select a settlement</translation>
    </message>
    <message>
        <location filename="../../ui/settlements_page.py" line="98"/>
        <source>请先在列表中选择一笔结算</source>
        <translation>Select a settlement in the list first</translation>
    </message>
    <message>
        <location filename="../../ui/settlements_page.py" line="106"/>
        <source>查看结算单 %1</source>
        <translation>View receipt %1</translation>
    </message>
    <message>
        <location filename="../../ui/settlements_page.py" line="112"/>
        <source>重打结算单 %1</source>
        <translation>Reprint receipt %1</translation>
    </message>
    <message>
        <location filename="../../ui/settlements_page.py" line="123"/>
        <source>冲销结算单 %1（总额 %2）</source>
        <translation>Reverse receipt %1 (total %2)</translation>
    </message>
    <message>
        <location filename="../../ui/settlements_page.py" line="132"/>
        <source>未能冲销</source>
        <translation>Could not reverse</translation>
    </message>
    <message>
        <location filename="../../ui/settlements_page.py" line="137"/>
        <source>冲销单 %1</source>
        <translation>Reversal slip %1</translation>
    </message>
    <message>
        <source>单号</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>No.</translation>
    </message>
    <message>
        <source>时间</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Time</translation>
    </message>
    <message>
        <source>参保人</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Member</translation>
    </message>
    <message>
        <source>类型</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Type</translation>
    </message>
    <message>
        <source>总额</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Total</translation>
    </message>
    <message>
        <source>统筹</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Pooled fund</translation>
    </message>
    <message>
        <source>账户</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Account</translation>
    </message>
    <message>
        <source>现金</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Cash</translation>
    </message>
    <message>
        <source>收款员</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Cashier</translation>
    </message>
</context>
<context>
    <name>SplitPanel</name>
    <message>
        <location filename="../../ui/split_panel.py" line="39"/>
        <source>结算</source>
        <translation>Settlement</translation>
    </message>
    <message>
        <location filename="../../ui/split_panel.py" line="88"/>
        <source>计算依据</source>
        <translation>How it was calculated</translation>
    </message>
    <message>
        <location filename="../../ui/split_panel.py" line="121"/>
        <source>共济账户支付（%1）</source>
        <translation>Family account pays (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/split_panel.py" line="127"/>
        <source>&#x3000;%1（%2）</source>
        <translation> · %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/split_panel.py" line="129"/>
        <source>：年度限额 %1，已用 %2，尚余 %3</source>
        <translation>: annual cap %1, used %2, left %3</translation>
    </message>
    <message>
        <source>医疗费总额</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Total medical costs</translation>
    </message>
    <message>
        <source>全自费</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Full self-pay</translation>
    </message>
    <message>
        <source>先行自付</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Pre-self-pay</translation>
    </message>
    <message>
        <source>政策范围内</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>In scope</translation>
    </message>
    <message>
        <source>本单计入起付</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Toward the deductible (this bill)</translation>
    </message>
    <message>
        <source>支付比例</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Ratio</translation>
    </message>
    <message>
        <source>统筹基金支付</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Pooled fund</translation>
    </message>
    <message>
        <source>超限额</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Over cap</translation>
    </message>
    <message>
        <source>个人账户支付</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Personal account</translation>
    </message>
    <message>
        <source>应收现金</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Cash to collect</translation>
    </message>
    <message>
        <source>政策版本</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Policy version</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <location filename="../../ui/statistics_page.py" line="52"/>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="52"/>
        <source>上月</source>
        <translation>Last month</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="55"/>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="59"/>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="69"/>
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="69"/>
        <source>本期</source>
        <translation>This period</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="69"/>
        <source>上期</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="69"/>
        <location filename="../../ui/statistics_page.py" line="81"/>
        <source>依据</source>
        <translation>Article</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="81"/>
        <source>预警</source>
        <translation>Alert</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="81"/>
        <source>笔数</source>
        <translation>Settlements</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="83"/>
        <source>查看相关结算</source>
        <translation>Show the settlements behind it</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="90"/>
        <source>预警（双击查看相关结算）</source>
        <translation>Alerts (double-click for the settlements behind one)</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="107"/>
        <source>就诊人次</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="107"/>
        <source>就诊人数</source>
        <translation>Members seen</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="107"/>
        <source>门诊医药费用</source>
        <translation>Outpatient costs</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="108"/>
        <source>费用增长率</source>
        <translation>Cost growth</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="108"/>
        <source>次均费用</source>
        <translation>Average cost per visit</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="108"/>
        <source>次均费用增长率</source>
        <translation>Growth of the average cost</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="109"/>
        <source>患者自费比例</source>
        <translation>Self-pay share</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="109"/>
        <source>检查费用占比</source>
        <translation>Examination share</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="110"/>
        <source>化验费用占比</source>
        <translation>Laboratory share</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="110"/>
        <source>药品费用占比</source>
        <translation>Drug share</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="111"/>
        <source>统筹基金支付比例</source>
        <translation>Pooled fund share</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="111"/>
        <source>人均统筹基金支付</source>
        <translation>Pooled fund per member</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="112"/>
        <source>人日就诊次数</source>
        <translation>Visits per member-day</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="112"/>
        <source>人月就诊次数</source>
        <translation>Visits per member-month</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="113"/>
        <source>达到或接近年度限额人数</source>
        <translation>Members at or near the cap</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="113"/>
        <source>仅个人账户支付笔数</source>
        <translation>Account-only purchases</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="114"/>
        <source>丙类项目现金支付笔数</source>
        <translation>Class C items paid in cash</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="114"/>
        <source>非工作时段结算笔数</source>
        <translation>Off-hours settlements</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="119"/>
        <source>次均费用 %1 元，高于预警值 %2 元</source>
        <translation>Average cost per visit ¥%1, above the warning level ¥%2</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="120"/>
        <source>次均费用较上期增长 %1，高于预警值 %2</source>
        <translation>Average cost per visit up %1 on the previous period, above %2</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="121"/>
        <source>门诊医药费用较上期增长 %1，高于预警值 %2</source>
        <translation>Outpatient costs up %1 on the previous period, above %2</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="122"/>
        <source>患者自费比例 %1，高于预警值 %2</source>
        <translation>Self-pay share %1, above the warning level %2</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="123"/>
        <source>检查费用占比 %1，高于预警值 %2</source>
        <translation>Examination share %1, above the warning level %2</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="124"/>
        <source>化验费用占比 %1，高于预警值 %2</source>
        <translation>Laboratory share %1, above the warning level %2</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="125"/>
        <location filename="../../ui/statistics_page.py" line="126"/>
        <source>参保人 %3 于 %4 就诊 %1 次，多于 %2 次</source>
        <translation>Member %3 made %1 visits in %4, more than %2</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="127"/>
        <source>参保人 %3 本年已用年度限额的 %1（预警 %2）</source>
        <translation>Member %3 has used %1 of this year&apos;s cap (warning at %2)</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="128"/>
        <source>参保人 %3 本期仅用个人账户支付 %1 笔，多于 %2 笔</source>
        <translation>Member %3 paid %1 purchases from the personal account alone, more than %2</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="129"/>
        <source>参保人 %3 本期丙类项目现金支付 %1 元，高于 %2 元</source>
        <translation>Member %3 paid ¥%1 of class C items in cash, above ¥%2</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="130"/>
        <source>非工作时段结算 %1 笔</source>
        <translation>%1 settlements outside working hours</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="134"/>
        <source>西药</source>
        <translation>Western drugs</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="134"/>
        <source>中成药</source>
        <translation>Chinese patent drugs</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="134"/>
        <source>中药饮片</source>
        <translation>Herbal pieces</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="135"/>
        <source>检查</source>
        <translation>Examinations</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="135"/>
        <source>化验</source>
        <translation>Laboratory</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="135"/>
        <source>治疗</source>
        <translation>Treatment</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="136"/>
        <source>诊查</source>
        <translation>Consultation</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="136"/>
        <source>材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="136"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="137"/>
        <source>每日费用（统筹 / 个人账户 / 现金）</source>
        <translation>Daily costs (pooled fund / account / cash)</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="137"/>
        <source>统筹基金</source>
        <translation>Pooled fund</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="138"/>
        <source>个人账户</source>
        <translation>Personal account</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="138"/>
        <source>现金</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="138"/>
        <source>费用结构</source>
        <translation>Fee structure</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="139"/>
        <source>各时段就诊人次</source>
        <translation>Visits by hour</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="139"/>
        <source>次均费用走势（元）</source>
        <translation>Average cost per visit (¥)</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="139"/>
        <source>本期无结算</source>
        <translation>No settlements in this period</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="167"/>
        <source>无法统计</source>
        <translation>Cannot compute</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="167"/>
        <source>期间或预警值设置有误：%1</source>
        <translation>The period or the warning thresholds are wrong: %1</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="172"/>
        <source>对比期 %1&#x3000;冲销按负数抵减其当日</source>
        <translation>Compared with %1  reversals netted on their own day</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="222"/>
        <source>预警相关结算</source>
        <translation>Settlements behind the alert</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="223"/>
        <source>窗口</source>
        <translation>Desk</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="223"/>
        <source>单号</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="223"/>
        <source>日期</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="223"/>
        <source>参保人</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="223"/>
        <source>总额</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_page.py" line="232"/>
        <source>共 %1 笔，列出金额最大的 %2 笔</source>
        <translation>%1 in all; the %2 largest are listed</translation>
    </message>
</context>
<context>
    <name>SupervisorDialog</name>
    <message>
        <location filename="../../ui/supervisor.py" line="14"/>
        <source>主管授权</source>
        <translation>Supervisor authorisation</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="24"/>
        <source>主管工号</source>
        <translation>Supervisor ID</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="25"/>
        <source>主管密码</source>
        <translation>Supervisor PIN</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="27"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="41"/>
        <source>请填写原因</source>
        <translation>Enter a reason</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="47"/>
        <source>工号或密码错误</source>
        <translation>Wrong user ID or PIN</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="48"/>
        <source>连续输错密码，该工号已锁定</source>
        <translation>Locked after too many wrong PINs</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="49"/>
        <source>授权失败：%1</source>
        <translation>Authorisation failed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="53"/>
        <source>%1 没有此权限，需要主管</source>
        <translation>%1 lacks this permission; a supervisor is needed</translation>
    </message>
</context>
<context>
    <name>UsersBox</name>
    <message>
        <location filename="../../ui/users_box.py" line="115"/>
        <source>收款员与角色</source>
        <translation>Cashiers and roles</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="118"/>
        <source>工号</source>
        <translation>User ID</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="118"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="118"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="118"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="125"/>
        <location filename="../../ui/users_box.py" line="158"/>
        <location filename="../../ui/users_box.py" line="176"/>
        <source>停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="128"/>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="131"/>
        <source>重置密码…</source>
        <translation>Reset PIN…</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="134"/>
        <source>更改角色…</source>
        <translation>Change role…</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="140"/>
        <source>添加用户…</source>
        <translation>Add user…</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="158"/>
        <location filename="../../ui/users_box.py" line="176"/>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="160"/>
        <source>（锁定）</source>
        <translation> (locked)</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="195"/>
        <source>已添加 %1</source>
        <translation>Added %1</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="204"/>
        <source>未能更改</source>
        <translation>Not changed</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="205"/>
        <source>已启用 %1</source>
        <translation>Enabled %1</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="205"/>
        <source>已停用 %1</source>
        <translation>Disabled %1</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="215"/>
        <source>未能解锁</source>
        <translation>Not unlocked</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="216"/>
        <source>已解锁 %1</source>
        <translation>Unlocked %1</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="230"/>
        <source>未能重置密码</source>
        <translation>PIN not reset</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="231"/>
        <source>已重置 %1 的密码（%2 授权）</source>
        <translation>Reset the PIN of %1 (approved by %2)</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="239"/>
        <source>更改角色</source>
        <translation>Change role</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="239"/>
        <source>%1 的新角色</source>
        <translation>New role of %1</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="247"/>
        <source>未能更改角色</source>
        <translation>Role not changed</translation>
    </message>
    <message>
        <location filename="../../ui/users_box.py" line="248"/>
        <source>%1 现为%2</source>
        <translation>%1 is now %2</translation>
    </message>
    <message>
        <source>收款员</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Cashier</translation>
    </message>
    <message>
        <source>主管</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>管理员</source>
        <translatorcomment>Looked up at run time (self.tr of a variable or inside an f-string); lupdate cannot see it.</translatorcomment>
        <translation>Admin</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../ui/app.py" line="107"/>
        <source>正在准备演示数据…</source>
        <translation>Preparing demo data…</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="141"/>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
</context>
</TS>
