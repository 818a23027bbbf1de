<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../ui/admin_page.py" line="37"/>
        <source>导入（CSV 或 JSON Lines）</source>
        <translation>Import (CSV or JSON Lines)</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="38"/>
        <source>导入参保人名册…</source>
        <translation>Import member roster…</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="39"/>
        <source>导入药品诊疗目录…</source>
        <translation>Import drug and service catalog…</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="42"/>
        <source>跳过错误行（错误行另存为 .rejects.csv）</source>
        <translation>Skip bad rows (saved to .rejects.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="61"/>
        <source>选择文件</source>
        <translation>Choose file</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="73"/>
        <source>正在导入 %1 …</source>
        <translation>Importing %1 …</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="86"/>
        <source>%1：读取 %2 行，新增 %3，更新 %4，拒绝 %5</source>
        <translation>%1: read %2 rows, %3 added, %4 updated, %5 rejected</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="90"/>
        <source>错误行已写入 %1</source>
        <translation>Rejected rows written to %1</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="98"/>
        <source>未导入，文件中有错误：
%1</source>
        <translation>Not imported; the file has errors:
%1</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="112"/>
        <source>收款员与角色</source>
        <translation>Cashiers and roles</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="115"/>
        <location filename="../../ui/admin_page.py" line="119"/>
        <source>工号</source>
        <translation>User ID</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="115"/>
        <location filename="../../ui/admin_page.py" line="120"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="115"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="115"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="121"/>
        <source>密码（4–12 位数字）</source>
        <translation>PIN (4–12 digits)</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="125"/>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="140"/>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="140"/>
        <source>停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="142"/>
        <source>（锁定）</source>
        <translation> (locked)</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="151"/>
        <source>未能添加</source>
        <translation>Could not add</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="159"/>
        <source>本机设置</source>
        <translation>Desk settings</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="166"/>
        <source>机构</source>
        <translation>Institution</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="174"/>
        <source>默认打印机</source>
        <translation>Default printer</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="177"/>
        <source> 小时</source>
        <translation> hours</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="186"/>
        <source>结算单格式</source>
        <translation>Receipt format</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="187"/>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="188"/>
        <source>用量数据过期提醒</source>
        <translation>Usage data stale after</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="189"/>
        <source>界面语言（重启生效）</source>
        <translation>Language (on restart)</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="190"/>
        <location filename="../../ui/admin_page.py" line="214"/>
        <source>保存设置</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="214"/>
        <source>未能保存用量数据过期提醒，详见日志</source>
        <translation>The stale-usage warning was not saved; see the log</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="216"/>
        <source>设置已保存（%1）</source>
        <translation>Settings saved (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="217"/>
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
        <location filename="../../ui/counter.py" line="77"/>
        <source>刷卡或扫码：社保卡号、医保电子凭证、身份证号（F1）</source>
        <translation>Swipe or scan: social security card, e-insurance code, ID number (F1)</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="81"/>
        <source>添加项目：编码、名称或拼音首字母，如 amxl（F3）</source>
        <translation>Add item: code, name or pinyin initials, e.g. amxl (F3)</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="92"/>
        <source>无外配处方</source>
        <translation>No outside prescription</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="92"/>
        <source>处方：一级以下</source>
        <translation>Rx: below grade 1</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="92"/>
        <source>处方：一级</source>
        <translation>Rx: grade 1</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="93"/>
        <source>处方：二级</source>
        <translation>Rx: grade 2</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="93"/>
        <source>处方：三级</source>
        <translation>Rx: grade 3</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="99"/>
        <source>外配处方 (F7)</source>
        <translation>Prescription (F7)</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="135"/>
        <source>费用明细（Delete 删除所选行；双击数量或单价修改）</source>
        <translation>Bill items (Delete removes selected rows; double-click quantity or price to edit)</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="152"/>
        <source>个人账户支付</source>
        <translation>Pay from personal account</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="161"/>
        <source>结算所用的待遇：默认为本单项目所适用的有效认定病种待遇（政策包列明病种用药时）</source>
        <translation>The benefit the bill is settled under: by default the certified disease in force that the bill&apos;s items are for (where the pack lists the disease&apos;s items)</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="165"/>
        <source>结算 (F12)</source>
        <translation>Settle (F12)</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="169"/>
        <source>新结算 (F2)</source>
        <translation>New bill (F2)</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="173"/>
        <source>待遇</source>
        <translation>Benefit</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="188"/>
        <source>实收现金（F4）</source>
        <translation>Cash handed over (F4)</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="196"/>
        <source>实收</source>
        <translation>Tendered</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="218"/>
        <location filename="../../ui/counter.py" line="818"/>
        <source>请刷卡或扫描医保电子凭证</source>
        <translation>Swipe a card or scan an e-insurance code</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="248"/>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="248"/>
        <source>刷卡框（选中原内容，新卡直接覆盖）</source>
        <translation>Scan box (its text selected: the next card replaces it)</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="248"/>
        <source>F3</source>
        <translation>F3</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="248"/>
        <source>添加项目框</source>
        <translation>Item box</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="249"/>
        <source>F4</source>
        <translation>F4</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="249"/>
        <source>实收现金</source>
        <translation>Cash handed over</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="249"/>
        <source>F6</source>
        <translation>F6</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="249"/>
        <source>切换支付方式（现金、微信、支付宝、银行卡、聚合码）</source>
        <translation>switch the payment method (cash, WeChat, Alipay, bank card, aggregated QR)</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="250"/>
        <source>编码*3</source>
        <translation>CODE*3</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="250"/>
        <source>在项目框中一次添加 3 个</source>
        <translation>in the item box: three of the item at once</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="250"/>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="250"/>
        <source>组合支付：先收部分的金额，其余按所选方式</source>
        <translation>split payment: the amount of the first part, the rest by the chosen method</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="251"/>
        <source>+ / −</source>
        <translation>+ / −</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="251"/>
        <source>所选行数量加一 / 减一</source>
        <translation>one more / one less of the selected line</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="251"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="251"/>
        <source>删除所选行</source>
        <translation>Remove the selected line</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="252"/>
        <source>F7</source>
        <translation>F7</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="252"/>
        <source>外配处方</source>
        <translation>External prescription</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="252"/>
        <source>F8</source>
        <translation>F8</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="252"/>
        <source>无追溯码</source>
        <translation>No traceability code</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="253"/>
        <source>F10</source>
        <translation>F10</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="253"/>
        <source>挂单：挂起当前单据，接待下一位</source>
        <translation>hold: set the open bill aside and serve the next patient</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="253"/>
        <source>F11</source>
        <translation>F11</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="253"/>
        <source>取单：取回挂起的单据</source>
        <translation>recall: take up a held bill again</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="254"/>
        <source>F12 / Ctrl+Enter</source>
        <translation>F12 / Ctrl+Enter</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="254"/>
        <source>结算</source>
        <translation>Settle</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="254"/>
        <source>F2 / Esc</source>
        <translation>F2 / Esc</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="255"/>
        <source>F9</source>
        <translation>F9</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="255"/>
        <source>本快捷键列表</source>
        <translation>This list of keys</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="259"/>
        <source>快捷键</source>
        <translation>Keys</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="290"/>
        <source>“%1”对应多位参保人：%2。请改刷社保卡或身份证</source>
        <translation>“%1” names several members: %2. Scan the social security card or ID card instead</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="293"/>
        <source>找不到卡号或证件号为“%1”的参保人，请核对后重新刷卡</source>
        <translation>No member with card or ID number “%1”; check it and swipe again</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="297"/>
        <source>更换参保人</source>
        <translation>Change patient</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="298"/>
        <source>当前费用明细属于 %1（%2）。
改为 %3（%4）结算？</source>
        <translation>The bill on screen is for %1 (%2).
Settle it for %3 (%4) instead?</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="313"/>
        <source>。本单仍为 %1（%2）</source>
        <translation>. This bill is still for %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="326"/>
        <source>本人账户 ¥%1</source>
        <translation>Own account ¥%1</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="363"/>
        <source>%1：%2（%3）</source>
        <translation>%1: %2 (%3)</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="457"/>
        <source>“%1”不是唯一的项目，请从列表中选择</source>
        <translation>“%1” matches more than one item; pick one from the list</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="461"/>
        <source>目录中没有“%1”</source>
        <translation>No “%1” in the catalog</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="495"/>
        <source>（拆零，每盒%1%2，本行%3%2）</source>
        <translation> (split pack: %1 %2 a box, this line %3 %2)</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="513"/>
        <source>请先选择需要追溯码的药品行</source>
        <translation>Select the drug line the codes belong to first</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="539"/>
        <source>无码</source>
        <translation>No code</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="539"/>
        <source>无追溯码的原因（如：2025年7月前购进库存）</source>
        <translation>Why the box has no code (e.g. stock bought before July 2025)</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="540"/>
        <source>2025年7月前购进库存</source>
        <translation>Stock bought before July 2025</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="571"/>
        <source>外配处方 %1：%2（%3），%4，%5 %6，%7 开具</source>
        <translation>Prescription %1: %2 (%3), %4, %5 %6, written %7</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="653"/>
        <source>“%1”不是金额</source>
        <translation>“%1” is not an amount</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="656"/>
        <source>实收不足，尚差 ¥%1</source>
        <translation>Not enough handed over: ¥%1 short</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="658"/>
        <source>找零 ¥%1</source>
        <translation>Change ¥%1</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="673"/>
        <source>尚未刷卡</source>
        <translation>No card swiped yet</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="694"/>
        <source>请先刷卡：尚未选择参保人</source>
        <translation>Swipe a card first: no member selected</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="698"/>
        <source>费用明细为空：请先添加项目再结算</source>
        <translation>The bill is empty: add items before settling</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="716"/>
        <source>
支付：%1</source>
        <translation>
Paid by: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="723"/>
        <source>
实收 ¥%1，找零 ¥%2</source>
        <translation>
Tendered ¥%1, change ¥%2</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="726"/>
        <source>确认结算</source>
        <translation>Confirm settlement</translation>
    </message>
    <message>
        <source>应收现金 ¥%1
个人账户支付 ¥%2，统筹基金支付 ¥%3

确认结算？</source>
        <translation>Cash to collect ¥%1
Personal account ¥%2, pooled fund ¥%3

Settle now?</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="707"/>
        <location filename="../../ui/counter.py" line="713"/>
        <location filename="../../ui/counter.py" line="766"/>
        <location filename="../../ui/counter.py" line="769"/>
        <location filename="../../ui/counter.py" line="772"/>
        <location filename="../../ui/counter.py" line="775"/>
        <source>未能结算</source>
        <translation>Could not settle</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="727"/>
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
        <location filename="../../ui/counter.py" line="744"/>
        <source>%1：目录价 ¥%2，改为 ¥%3</source>
        <translation>%1: catalog price ¥%2, changed to ¥%3</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="747"/>
        <source>改价须主管授权：
%1</source>
        <translation>A changed price needs a supervisor:
%1</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="783"/>
        <source>结算单 %1</source>
        <translation>Receipt %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="787"/>
        <source>结算单未能生成</source>
        <translation>Receipt not generated</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="788"/>
        <source>结算已完成，但结算单未能生成：%1。可在“今日结算”中重打。</source>
        <translation>Settled, but the receipt could not be generated: %1. Reprint it from “Today&apos;s settlements”.</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="254"/>
        <location filename="../../ui/counter.py" line="793"/>
        <source>新结算</source>
        <translation>New bill</translation>
    </message>
    <message>
        <location filename="../../ui/counter.py" line="793"/>
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
        <location filename="../../ui/dayend_page.py" line="79"/>
        <source>X 报表</source>
        <translation>X report</translation>
    </message>
    <message>
        <location filename="../../ui/dayend_page.py" line="84"/>
        <source>日结：结束本营业日，生成 Z 报表</source>
        <translation>Day close: end this business day and print the Z report</translation>
    </message>
    <message>
        <location filename="../../ui/dayend_page.py" line="90"/>
        <source>日结</source>
        <translation>Day close</translation>
    </message>
    <message>
        <location filename="../../ui/dayend_page.py" line="91"/>
        <source>日结营业日 %1：结算 %2 笔，冲销 %3 笔
医疗费 ¥%4，统筹 ¥%5，账户 ¥%6，现金 ¥%7

日结后本营业日的数据不可更改，之后的结算计入下一营业日。确认日结？</source>
        <translation>Close business day %1: %2 settlements, %3 reversals
Medical costs ¥%4, pooled fund ¥%5, account ¥%6, cash ¥%7

After the close this business day cannot change; later settlements count to the next one. Close the day?</translation>
    </message>
    <message>
        <source>日结后本营业日的数据不可更改，之后的结算计入下一营业日。确认日结？</source>
        <translation>After the day close this business day&apos;s data cannot change, and later settlements count toward the next business day. Close the day?</translation>
    </message>
    <message>
        <location filename="../../ui/dayend_page.py" line="103"/>
        <source>未能日结</source>
        <translation>Could not close the day</translation>
    </message>
    <message>
        <location filename="../../ui/dayend_page.py" line="122"/>
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
        <source>随单位</source>
        <translation>Via employer</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="16"/>
        <source>个人二档</source>
        <translation>Individual tier 2</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="17"/>
        <source>个人一档</source>
        <translation>Individual tier 1</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="18"/>
        <source>甲</source>
        <translation>A</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="18"/>
        <source>乙</source>
        <translation>B</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="19"/>
        <source>丙</source>
        <translation>C</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="20"/>
        <source>配偶</source>
        <translation>spouse</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="20"/>
        <source>父母</source>
        <translation>parent</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="21"/>
        <source>子女</source>
        <translation>child</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="22"/>
        <source>家属</source>
        <translation>relative</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="23"/>
        <source>普通门诊</source>
        <translation>Ordinary outpatient</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="23"/>
        <source>门诊慢性病</source>
        <translation>Outpatient chronic disease</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="24"/>
        <source>门诊特殊疾病</source>
        <translation>Outpatient special disease</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="24"/>
        <source>急诊抢救</source>
        <translation>Emergency and rescue</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="25"/>
        <source>日间手术</source>
        <translation>Day surgery</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="26"/>
        <source>现金</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="26"/>
        <source>微信</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="27"/>
        <source>支付宝</source>
        <translation>Alipay</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="27"/>
        <source>银行卡</source>
        <translation>Bank card</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="28"/>
        <source>聚合码</source>
        <translation>Aggregated QR</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="29"/>
        <source>诊所</source>
        <translation>Clinic</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="29"/>
        <source>医院</source>
        <translation>Hospital</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="30"/>
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
        <location filename="../../ui/errors.py" line="25"/>
        <source>第 %1 行 %2 的数量 %3 超过合理上限 %4，请核对</source>
        <translation>Line %1 (%2): quantity %3 is above the plausible limit of %4; please check</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="28"/>
        <source>第 %1 行 %2 的金额 ¥%3 超过单行合理上限 ¥%4，请核对数量和单价</source>
        <translation>Line %1 (%2): amount ¥%3 is above the plausible limit of ¥%4 for one line; check quantity and price</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="32"/>
        <source>第 %1 行 %2 的单价 ¥%3 与目录价 ¥%4 不同，须主管授权</source>
        <translation>Line %1 (%2): price ¥%3 differs from the catalog price ¥%4 and needs a supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="37"/>
        <source>“%1”对应多位参保人：%2。请改刷社保卡或身份证</source>
        <translation>“%1” names several members: %2. Scan the social security card or ID card instead</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="39"/>
        <source>权限不足：</source>
        <translation>Not permitted: </translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="41"/>
        <source>登录失败：</source>
        <translation>Login failed: </translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="43"/>
        <source>该日期没有适用的医保政策：</source>
        <translation>No insurance policy in force on that date: </translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="43"/>
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
        <source>同步未完成</source>
        <translation>Sync not finished</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="186"/>
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
        <location filename="../../ui/payment_box.py" line="123"/>
        <source>组合超出应收 ¥%1</source>
        <translation>Split over the due ¥%1</translation>
    </message>
    <message>
        <location filename="../../ui/payment_box.py" line="125"/>
        <source>组合不足应收 ¥%1</source>
        <translation>Split short of the due ¥%1</translation>
    </message>
    <message>
        <location filename="../../ui/payment_box.py" line="127"/>
        <source>组合金额“%1”无效</source>
        <translation>Split amount “%1” invalid</translation>
    </message>
    <message>
        <location filename="../../ui/payment_box.py" line="129"/>
        <source>组合两部分方式相同</source>
        <translation>Both parts use one method</translation>
    </message>
    <message>
        <location filename="../../ui/payment_box.py" line="130"/>
        <source>支付方式无法使用</source>
        <translation>Payment method unusable</translation>
    </message>
    <message>
        <location filename="../../ui/payment_box.py" line="137"/>
        <source>支付方式合计 ¥%1 与应收现金 ¥%2 不符：组合支付的金额不能超过应收现金</source>
        <translation>The payment parts come to ¥%1, not the cash due ¥%2: a part cannot be more than the cash due</translation>
    </message>
    <message>
        <location filename="../../ui/payment_box.py" line="139"/>
        <source>支付方式合计 ¥%1 与应收现金 ¥%2 不符</source>
        <translation>The payment parts come to ¥%1, not the cash due ¥%2</translation>
    </message>
    <message>
        <location filename="../../ui/payment_box.py" line="142"/>
        <source>组合支付金额“%1”不是有效金额（非负，最多两位小数）</source>
        <translation>The split payment amount “%1” is not an amount (non-negative, at most two decimals)</translation>
    </message>
    <message>
        <location filename="../../ui/payment_box.py" line="144"/>
        <source>组合支付的两部分不能是同一种方式（%1）</source>
        <translation>The two parts of a split payment cannot use the same method (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/payment_box.py" line="145"/>
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
        <location filename="../../ui/payment_box.py" line="47"/>
        <source>组合</source>
        <translation>Split</translation>
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
        <location filename="../../ui/pharmacy_panel.py" line="124"/>
        <source>处方药（%1）须凭外配处方医保结算：请按 F7 录入处方</source>
        <translation>Prescription drugs (%1) are settled on insurance only with an external prescription: press F7 to enter it</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="126"/>
        <source>处方已过有效期：%1 开具，有效至 %2</source>
        <translation>The prescription has expired: written %1, valid until %2</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="128"/>
        <source>处方开具日期 %1 晚于今天</source>
        <translation>The prescription&apos;s date %1 is after today</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="129"/>
        <source>处方有效期 %1 天超过允许的 %2 天</source>
        <translation>A validity of %1 days is longer than the %2 days allowed</translation>
    </message>
</context>
<context>
    <name>PrescriptionDialog</name>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="135"/>
        <source>一级以下</source>
        <translation>Below level 1</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="135"/>
        <source>一级</source>
        <translation>Level 1</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="136"/>
        <source>二级</source>
        <translation>Level 2</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="136"/>
        <source>三级</source>
        <translation>Level 3</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="144"/>
        <source>外配处方 (F7)</source>
        <translation>Prescription (F7)</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="169"/>
        <source>当日有效</source>
        <translation>The day written</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="174"/>
        <location filename="../../ui/pharmacy_panel.py" line="200"/>
        <source>处方编号</source>
        <translation>Prescription number</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="174"/>
        <location filename="../../ui/pharmacy_panel.py" line="200"/>
        <source>开方机构编码</source>
        <translation>Institution code</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="175"/>
        <location filename="../../ui/pharmacy_panel.py" line="201"/>
        <source>开方机构名称</source>
        <translation>Institution name</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="175"/>
        <source>机构级别</source>
        <translation>Institution level</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="176"/>
        <location filename="../../ui/pharmacy_panel.py" line="201"/>
        <source>开方医师</source>
        <translation>Doctor</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="176"/>
        <location filename="../../ui/pharmacy_panel.py" line="202"/>
        <source>诊断编码</source>
        <translation>Diagnosis code</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="177"/>
        <location filename="../../ui/pharmacy_panel.py" line="202"/>
        <source>诊断名称</source>
        <translation>Diagnosis</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="177"/>
        <source>开具日期</source>
        <translation>Written on</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="178"/>
        <source>医师注明有效天数</source>
        <translation>Validity the doctor noted (days)</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacy_panel.py" line="205"/>
        <source>请填写%1</source>
        <translation>Please fill in: %1</translation>
    </message>
</context>
<context>
    <name>SettlementsPage</name>
    <message>
        <location filename="../../ui/settlements_page.py" line="27"/>
        <source>按单号、姓名或参保人编号查找</source>
        <translation>Find by receipt no., name or member no.</translation>
    </message>
    <message>
        <location filename="../../ui/settlements_page.py" line="43"/>
        <source>查看</source>
        <translation>View</translation>
    </message>
    <message>
        <location filename="../../ui/settlements_page.py" line="43"/>
        <source>重打</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location filename="../../ui/settlements_page.py" line="43"/>
        <location filename="../../ui/settlements_page.py" line="75"/>
        <source>冲销</source>
        <translation>Reverse</translation>
    </message>
    <message>
        <location filename="../../ui/settlements_page.py" line="75"/>
        <source>已冲销</source>
        <translation>Reversed</translation>
    </message>
    <message>
        <location filename="../../ui/settlements_page.py" line="75"/>
        <source>结算</source>
        <translation>Settlement</translation>
    </message>
    <message>
        <location filename="../../ui/settlements_page.py" line="97"/>
        <source>请选择</source>
        <translation>Select a settlement</translation>
    </message>
    <message>
        <location filename="../../ui/settlements_page.py" line="97"/>
        <source>请先在列表中选择一笔结算</source>
        <translation>Select a settlement in the list first</translation>
    </message>
    <message>
        <location filename="../../ui/settlements_page.py" line="105"/>
        <source>查看结算单 %1</source>
        <translation>View receipt %1</translation>
    </message>
    <message>
        <location filename="../../ui/settlements_page.py" line="111"/>
        <source>重打结算单 %1</source>
        <translation>Reprint receipt %1</translation>
    </message>
    <message>
        <location filename="../../ui/settlements_page.py" line="127"/>
        <source>冲销结算单 %1（总额 %2）</source>
        <translation>Reverse receipt %1 (total %2)</translation>
    </message>
    <message>
        <location filename="../../ui/settlements_page.py" line="136"/>
        <source>未能冲销</source>
        <translation>Could not reverse</translation>
    </message>
    <message>
        <location filename="../../ui/settlements_page.py" line="141"/>
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
        <location filename="../../ui/split_panel.py" line="23"/>
        <source>结算</source>
        <translation>Settlement</translation>
    </message>
    <message>
        <location filename="../../ui/split_panel.py" line="64"/>
        <source>计算依据</source>
        <translation>How it was calculated</translation>
    </message>
    <message>
        <location filename="../../ui/split_panel.py" line="96"/>
        <source>共济账户支付（%1）</source>
        <translation>Family account pays (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/split_panel.py" line="102"/>
        <source>&#x3000;%1（%2）</source>
        <translation> · %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/split_panel.py" line="104"/>
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
    <name>app</name>
    <message>
        <location filename="../../ui/app.py" line="93"/>
        <source>正在准备演示数据…</source>
        <translation>Preparing demo data…</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="127"/>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
</context>
</TS>
