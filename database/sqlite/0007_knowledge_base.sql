-- The knowledge base: articles the chat bot offers before it takes a query (shift-left, 8.3), edited by agents.
-- Every edit bumps version; an edit names the version it read (If-Match), so two agents cannot overwrite each other.
-- The seed is the desk's own first articles, in English and Chinese.

create table knowledge_articles (
    id integer primary key,
    slug text not null unique,
    language text not null check (language in ('en', 'zh')),
    title text not null,
    summary text not null,
    body text not null,
    keywords text not null default '',
    published integer not null default 0 check (published in (0, 1)),
    version integer not null default 1,
    created_by text not null,
    created_at text not null,
    updated_by text not null,
    updated_at text not null
);

insert into knowledge_articles
    (slug, language, title, summary, body, keywords, published, version, created_by, created_at, updated_by, updated_at)
values
(
    'vpn-certificate-error',
    'en',
    'VPN will not connect or says the certificate has expired',
    'Most VPN certificate errors come from a wrong clock or an expired device certificate: correct the clock, let the device renew its certificate, then reconnect.',
    'When the VPN client says the certificate has expired, is invalid or is not trusted:

1. Check the date, time and time zone on your computer and turn on "Set time automatically". A clock that is wrong by a few minutes makes a valid certificate look expired or not yet valid.
2. Connect to the internet without the VPN (home network or phone hotspot), restart the computer and sign in once. The computer renews its device certificate when it can reach the internet.
3. Quit the VPN client completely, including its icon in the system tray or menu bar, and start it again.
4. Check that you connect to the gateway address the desk published. An old saved address may present an old certificate.
5. Still failing? Create a query with the exact error text and the time it happened. We can issue a new certificate to your device remotely.

If the VPN connects but drops every few minutes, try a cable or another network to find out whether your network is the cause.',
    'vpn remote access certificate expired expiry invalid untrusted tunnel gateway connect connection home',
    1,
    1,
    'desk',
    '2026-11-30T00:00:00.0000000+00:00',
    'desk',
    '2026-11-30T00:00:00.0000000+00:00'),
(
    'password-reset-account-locked',
    'en',
    'Reset a forgotten password or unlock your account',
    'Reset a forgotten password, or unlock an account that was locked after too many wrong attempts, yourself on the self-service password page.',
    'Your account is locked for a short time after several wrong passwords in a row. This protects it from guessing.

1. On the sign-in page choose "Forgot password?" to open the self-service password page.
2. Prove it is you with a method you registered: the authenticator app, a text message or a personal email address.
3. Choose "Unlock my account" if you still know your password, or "Reset my password" if you do not.
4. A new password needs at least 12 characters. Three or four unrelated words make a passphrase that is easy to remember and hard to guess. Do not reuse an old password.
5. Update the password everywhere it is saved: mail on your phone, Wi-Fi on your phone and tablet, mapped drives. An old saved password keeps trying and locks the account again.

No registered method, or the page refuses you? Call the service desk or create a query from a colleague''s computer. We confirm your identity before we reset anything, and we never ask for your password.',
    'password passwords forgot forgotten reset change expired locked lockout unlock account sign-in login logon',
    1,
    1,
    'desk',
    '2026-11-30T00:00:00.0000000+00:00',
    'desk',
    '2026-11-30T00:00:00.0000000+00:00'),
(
    'mfa-authenticator-new-phone',
    'en',
    'Multi-factor sign-in: new phone, codes refused or no prompt',
    'Move the authenticator app to a new phone, or fix refused codes and missing prompts; if your old phone is gone, the desk resets your sign-in methods.',
    'Codes are refused: authenticator codes depend on the phone''s clock. Set the phone''s date and time to automatic and try a fresh code.

No prompt arrives: open the authenticator app itself, a waiting request shows there. Allow notifications for the app and check that the phone has mobile data or Wi-Fi.

New phone, and you still have the old one:
1. On a computer, sign in to the security info page of your work account.
2. Add a sign-in method: the authenticator app on the new phone. Scan the QR code with the app.
3. Test it by signing out and in again, then delete the old phone from the list.

Old phone lost, broken or reset: you cannot approve sign-ins any more. Call the service desk. After we confirm your identity we reset your methods and you register the new phone at your next sign-in.

Never approve a prompt you did not start. Deny it and tell us at once: someone may know your password.',
    'mfa 2fa multi-factor two-factor authenticator authentication app code codes otp prompt push notification approve verification new phone lost',
    1,
    1,
    'desk',
    '2026-11-30T00:00:00.0000000+00:00',
    'desk',
    '2026-11-30T00:00:00.0000000+00:00'),
(
    'wifi-cannot-connect',
    'en',
    'Cannot connect to the office Wi-Fi',
    'Forget the office network and join it again with your current password; most Wi-Fi failures at the office follow a password change.',
    '1. Turn Wi-Fi off and on again, or switch airplane mode on and off.
2. Forget the office network on your device, then join it again and sign in with your work account and your current password. A device that saved your previous password keeps failing, and can lock your account.
3. "Connected, no internet": restart the device. If a web page asks you to accept terms, accept them.
4. Visitors use the guest network; reception gives out its daily code. Personal devices may not join the staff network.
5. Do other people near you have the same problem? Create a query with the building, floor and room, so that we can check the access point there.

If only one laptop fails everywhere, restart it and make sure it has the latest updates before you contact us.',
    'wifi wireless wlan network internet ssid connect connection disconnects signal guest',
    1,
    1,
    'desk',
    '2026-11-30T00:00:00.0000000+00:00',
    'desk',
    '2026-11-30T00:00:00.0000000+00:00'),
(
    'printer-offline-jam',
    'en',
    'Printer offline, paper jam or documents stuck in the queue',
    'Clear the paper jam or the stuck print queue, check the printer is switched on and online, and add the printer again if it still shows offline.',
    'Paper jam: open the doors the printer''s display points to, pull the paper out slowly in the direction it travels, close all doors. Torn pieces left inside cause the next jam.

Printer shows offline on your computer:
1. Check that the printer is on, shows no error on its display and has paper and toner.
2. Check that you are on the office network or the VPN; office printers are not reachable from home without it.
3. Open the print queue (Windows: Settings > Bluetooth & devices > Printers & scanners; Mac: System Settings > Printers & Scanners), cancel every stuck document and print again.
4. Still offline: remove the printer and add it again from the list of office printers.

Out of toner, or a hardware fault on the display? Create a query with the printer''s name or asset label, usually on a sticker on its front.',
    'printer printers print printing offline jam jammed paper queue stuck toner cartridge scan scanner',
    1,
    1,
    'desk',
    '2026-11-30T00:00:00.0000000+00:00',
    'desk',
    '2026-11-30T00:00:00.0000000+00:00'),
(
    'mail-on-phone',
    'en',
    'Set up work email on your phone',
    'Install the approved mail app, sign in with your work account and accept the device security policy; mail, calendar and contacts then sync.',
    '1. Install the approved mail app (Outlook) from the App Store or Google Play.
2. Open it and add your work email address. Sign in with your work account and approve the multi-factor prompt.
3. Accept the device security policy when asked: it requires a screen lock and lets us wipe the work data, and only the work data, if the phone is lost.
4. Mail, calendar and contacts sync within a few minutes.

Mail stopped after a password change: open the app, sign in again with the new password.
Mail stopped on a new phone: you probably have to register the authenticator on the new phone first (see the multi-factor article).

Lost your phone? Call the service desk at once so that we can remove work data from it.',
    'email mail mailbox phone mobile iphone android ios calendar contacts sync setup set up outlook app',
    1,
    1,
    'desk',
    '2026-11-30T00:00:00.0000000+00:00',
    'desk',
    '2026-11-30T00:00:00.0000000+00:00'),
(
    'disk-full',
    'en',
    'Disk full or low disk space warning',
    'Free space by emptying the recycle bin, clearing downloads and temporary files, and keeping large synced files in the cloud only.',
    'A full disk makes the computer slow, stops updates and can corrupt files. Free at least 10 percent of the disk.

Windows:
1. Settings > System > Storage > Temporary files: select the temporary files, the Recycle Bin and the downloads you no longer need, then Remove files.
2. Turn on Storage Sense so that this happens on its own.
3. In OneDrive, right-click large folders and choose "Free up space": the files stay in the cloud and download when you open them.

Mac: Apple menu > System Settings > General > Storage, then follow the recommendations.

Do not delete folders you do not recognise in the Windows or system folders. Large videos and old project files belong on the shared drive or in the cloud. If the disk is still too small for your work, request a larger disk or a new device in the request catalog.',
    'disk drive storage space full low free cleanup clean hard ssd cache temporary files',
    1,
    1,
    'desk',
    '2026-11-30T00:00:00.0000000+00:00',
    'desk',
    '2026-11-30T00:00:00.0000000+00:00'),
(
    'request-software-access',
    'en',
    'Request software, a licence, or access to a system or shared folder',
    'Ask through the request catalog: pick the item, say what you need and why, and the owner or your manager approves it.',
    'Software:
1. Look in the self-service software centre first: approved software there installs without a request.
2. Otherwise open the request catalog and choose "Software install". Give the product name, the version and the business reason. Software that costs money needs your manager''s approval.

Access to a system, an application role, a shared folder or a mailbox:
1. In the request catalog choose "Access request".
2. Say what you need access to and what you need to do there (read only, or change). The owner of the system or folder approves it.

You see the agreed time frame when you submit and can follow the request on the portal. Please do not ask a colleague to share their account or password; every access is personal and recorded.

Administrator rights on your computer are granted only for a stated reason and a limited time.',
    'software install installation application app licence license access permission permissions shared folder drive group system request catalog admin rights',
    1,
    1,
    'desk',
    '2026-11-30T00:00:00.0000000+00:00',
    'desk',
    '2026-11-30T00:00:00.0000000+00:00'),
(
    'teams-audio',
    'en',
    'No sound or microphone not working in Teams calls',
    'Choose the right speaker and microphone in Teams'' device settings, allow microphone access, and check it with a test call.',
    '1. Check the obvious: the headset is plugged in or paired, not muted on its cable or button, and the volume is up.
2. In Teams open Settings > Devices. Choose your headset as both speaker and microphone, then choose "Make a test call".
3. Allow microphone access: Windows: Settings > Privacy & security > Microphone; Mac: System Settings > Privacy & Security > Microphone, and turn on Teams.
4. Close other apps that may hold the microphone (another call app, a recorder), then restart Teams.
5. Bluetooth headset: remove the pairing and pair it again. Bluetooth sound is poor when the headset uses its hands-free mode; a cable headset is more reliable.

Others hear an echo: use a headset instead of the laptop''s speakers. If the test call works but one meeting does not, leave and join that meeting again.',
    'teams audio sound microphone mic speaker speakers headset headphones call calls meeting hear heard echo mute muted bluetooth',
    1,
    1,
    'desk',
    '2026-11-30T00:00:00.0000000+00:00',
    'desk',
    '2026-11-30T00:00:00.0000000+00:00'),
(
    'vpn-certificate-error-zh',
    'zh',
    'VPN 无法连接或提示证书已过期',
    'VPN 证书错误多数是电脑时间不对或设备证书过期造成的：先校正时间，让电脑更新证书，然后重新连接。',
    'VPN 客户端提示证书已过期、无效或不受信任时：

1. 检查电脑的日期、时间和时区，并打开"自动设置时间"。时间差几分钟，有效的证书也会被判为过期。
2. 不用 VPN 直接连上互联网（家里网络或手机热点），重启电脑并登录一次。电脑能访问互联网时会自动更新设备证书。
3. 完全退出 VPN 客户端（包括任务栏或菜单栏里的图标），再重新打开。
4. 确认连接的是服务台公布的网关地址。旧的地址可能提供旧证书。
5. 仍然不行？请提交工单，写明完整的错误提示和发生时间。我们可以远程为您的设备重新签发证书。

如果 VPN 能连上但每隔几分钟就断开，请换用网线或其他网络，判断是否是网络本身的问题。',
    'vpn 远程访问 证书 过期 失效 无效 不受信任 连接 连不上 在家办公',
    1,
    1,
    'desk',
    '2026-11-30T00:00:00.0000000+00:00',
    'desk',
    '2026-11-30T00:00:00.0000000+00:00'),
(
    'password-reset-account-locked-zh',
    'zh',
    '重置忘记的密码或解锁账户',
    '忘记密码或因多次输错密码导致账户被锁定时，可以在自助密码页面自行重置密码或解锁账户。',
    '连续多次输错密码后，账户会被暂时锁定，以防止被人猜中密码。

1. 在登录页面点击"忘记密码？"，打开自助密码页面。
2. 用您登记过的方式验证身份：身份验证器应用、短信或个人邮箱。
3. 如果还记得密码，选择"解锁我的账户"；如果忘了，选择"重置密码"。
4. 新密码至少 12 个字符。用三四个不相关的词组成的密码短语既好记又难猜。不要重复使用旧密码。
5. 在所有保存过密码的地方更新密码：手机邮件、手机和平板的 Wi-Fi、映射的网络驱动器。保存的旧密码会不断尝试登录，再次锁定账户。

没有登记验证方式，或页面拒绝了您？请致电服务台，或用同事的电脑提交工单。我们会先核实您的身份再重置，我们绝不会向您索要密码。',
    '密码 忘记密码 重置 修改密码 密码过期 锁定 账户锁定 解锁 账户 登录 登不上',
    1,
    1,
    'desk',
    '2026-11-30T00:00:00.0000000+00:00',
    'desk',
    '2026-11-30T00:00:00.0000000+00:00'),
(
    'mfa-authenticator-new-phone-zh',
    'zh',
    '多重身份验证：换了新手机、验证码无效或收不到提示',
    '把身份验证器应用迁移到新手机，或解决验证码被拒、收不到提示的问题；旧手机丢失时由服务台重置您的验证方式。',
    '验证码被拒：身份验证器的验证码依赖手机时间。请把手机的日期和时间设为自动，然后使用新生成的验证码。

收不到提示：直接打开身份验证器应用，待处理的请求会显示在里面。允许该应用发送通知，并确认手机有移动数据或 Wi-Fi。

换了新手机，旧手机还在：
1. 在电脑上登录工作账户的安全信息页面。
2. 添加登录方式：新手机上的身份验证器应用，用应用扫描二维码。
3. 退出后重新登录测试一次，然后从列表中删除旧手机。

旧手机丢失、损坏或已恢复出厂设置：您将无法批准登录。请致电服务台。我们核实身份后会重置您的验证方式，您在下次登录时登记新手机即可。

不是您本人发起的登录提示，绝不要批准。请拒绝并立即告诉我们：可能有人知道了您的密码。',
    'mfa 多重身份验证 双重验证 两步验证 身份验证器 验证码 动态码 提示 推送 通知 批准 新手机 换手机 手机丢失',
    1,
    1,
    'desk',
    '2026-11-30T00:00:00.0000000+00:00',
    'desk',
    '2026-11-30T00:00:00.0000000+00:00'),
(
    'wifi-cannot-connect-zh',
    'zh',
    '无法连接办公室 Wi-Fi',
    '在设备上忘记办公室网络，再用当前密码重新加入；办公室 Wi-Fi 连不上大多发生在修改密码之后。',
    '1. 关闭再打开 Wi-Fi，或打开再关闭飞行模式。
2. 在设备上"忘记"办公室网络，然后重新加入，用工作账户和当前密码登录。保存了旧密码的设备会一直连接失败，还可能锁定您的账户。
3. 显示"已连接，但无法上网"：重启设备。如果弹出网页要求接受条款，请接受。
4. 访客请使用访客网络，每日密码可向前台索取。个人设备不能接入员工网络。
5. 您附近的同事也连不上吗？请提交工单并写明楼宇、楼层和房间，我们会检查那里的无线接入点。

如果只是一台笔记本在任何地方都连不上，请先重启并安装最新更新，再联系我们。',
    'wifi wi-fi 无线 无线网络 网络 上网 连不上 断网 信号 访客网络',
    1,
    1,
    'desk',
    '2026-11-30T00:00:00.0000000+00:00',
    'desk',
    '2026-11-30T00:00:00.0000000+00:00'),
(
    'printer-offline-jam-zh',
    'zh',
    '打印机脱机、卡纸或打印任务卡在队列中',
    '清除卡纸或卡住的打印队列，确认打印机已开机并在线；仍显示脱机时，删除打印机后重新添加。',
    '卡纸：按打印机屏幕提示打开相应的盖板，顺着走纸方向慢慢抽出纸张，然后关好所有盖板。残留在机器里的碎纸会导致再次卡纸。

电脑上显示打印机脱机：
1. 确认打印机已开机，屏幕上没有错误提示，纸张和墨粉充足。
2. 确认您连接的是办公室网络或 VPN；在家不连 VPN 无法访问办公室打印机。
3. 打开打印队列（Windows：设置 > 蓝牙和其他设备 > 打印机和扫描仪；Mac：系统设置 > 打印机与扫描仪），取消所有卡住的文档，再重新打印。
4. 仍然脱机：删除该打印机，再从办公室打印机列表中重新添加。

墨粉用完，或屏幕显示硬件故障？请提交工单，写明打印机名称或资产标签（通常贴在机器正面）。',
    '打印机 打印 打不了 脱机 离线 卡纸 纸张 打印队列 卡住 墨粉 硒鼓 扫描 扫描仪',
    1,
    1,
    'desk',
    '2026-11-30T00:00:00.0000000+00:00',
    'desk',
    '2026-11-30T00:00:00.0000000+00:00'),
(
    'mail-on-phone-zh',
    'zh',
    '在手机上设置工作邮箱',
    '安装公司认可的邮件应用，用工作账户登录并接受设备安全策略，之后邮件、日历和联系人会自动同步。',
    '1. 从 App Store 或 Google Play 安装公司认可的邮件应用（Outlook）。
2. 打开应用，添加您的工作邮箱地址。用工作账户登录，并批准多重身份验证提示。
3. 出现设备安全策略时请接受：它要求设置锁屏密码，并允许我们在手机丢失时远程清除工作数据（只清除工作数据）。
4. 几分钟内邮件、日历和联系人就会同步完成。

修改密码后收不到邮件：打开应用，用新密码重新登录。
换新手机后收不到邮件：通常需要先在新手机上登记身份验证器（见多重身份验证的文章）。

手机丢了？请立即致电服务台，我们会从手机上删除工作数据。',
    '邮箱 邮件 电子邮件 手机 移动设备 iphone android 日历 联系人 同步 设置 outlook 收不到邮件',
    1,
    1,
    'desk',
    '2026-11-30T00:00:00.0000000+00:00',
    'desk',
    '2026-11-30T00:00:00.0000000+00:00'),
(
    'disk-full-zh',
    'zh',
    '磁盘已满或提示磁盘空间不足',
    '清空回收站，清理下载和临时文件，并让体积大的同步文件只保存在云端，即可释放磁盘空间。',
    '磁盘满了会让电脑变慢、无法安装更新，甚至损坏文件。请至少保留 10% 的可用空间。

Windows：
1. 设置 > 系统 > 存储 > 临时文件：勾选临时文件、回收站和不再需要的下载文件，然后点击"删除文件"。
2. 打开"存储感知"，让系统自动清理。
3. 在 OneDrive 中右键点击大的文件夹，选择"释放空间"：文件保留在云端，打开时再下载。

Mac：苹果菜单 > 系统设置 > 通用 > 储存空间，按建议操作。

不要删除 Windows 或系统文件夹中您不认识的文件夹。大的视频和旧项目文件请放到共享盘或云端。如果清理后磁盘仍然不够用，请在申请目录中申请更大的硬盘或新设备。',
    '磁盘 硬盘 存储 空间 空间不足 磁盘已满 c盘 清理 临时文件 缓存 回收站',
    1,
    1,
    'desk',
    '2026-11-30T00:00:00.0000000+00:00',
    'desk',
    '2026-11-30T00:00:00.0000000+00:00'),
(
    'request-software-access-zh',
    'zh',
    '申请软件、许可证或系统和共享文件夹的访问权限',
    '通过申请目录提交：选择对应项目，说明需要什么和原因，由系统负责人或您的经理审批。',
    '软件：
1. 先到自助软件中心查找：那里已批准的软件无需申请即可安装。
2. 如果没有，请打开申请目录，选择"软件安装"，写明产品名称、版本和业务原因。付费软件需要您的经理审批。

系统、应用角色、共享文件夹或邮箱的访问权限：
1. 在申请目录中选择"访问权限申请"。
2. 写明需要访问什么，以及需要做什么（只读还是修改）。由该系统或文件夹的负责人审批。

提交时您会看到约定的处理时限，并可以在门户上跟踪进度。请不要让同事共享他们的账户或密码；每项权限都属于个人并有记录。

电脑管理员权限只在说明理由后限时授予。',
    '软件 安装 安装软件 应用 许可证 授权 权限 访问权限 开通权限 共享文件夹 共享盘 用户组 系统 申请 申请目录 管理员权限',
    1,
    1,
    'desk',
    '2026-11-30T00:00:00.0000000+00:00',
    'desk',
    '2026-11-30T00:00:00.0000000+00:00'),
(
    'teams-audio-zh',
    'zh',
    'Teams 通话中没有声音或麦克风不工作',
    '在 Teams 设备设置中选择正确的扬声器和麦克风，允许麦克风访问，然后用测试通话检查。',
    '1. 先检查基本情况：耳机已插好或已配对，线控或按键没有静音，音量已调大。
2. 在 Teams 中打开 设置 > 设备，把耳机同时选为扬声器和麦克风，然后点击"进行测试通话"。
3. 允许麦克风访问：Windows：设置 > 隐私和安全性 > 麦克风；Mac：系统设置 > 隐私与安全性 > 麦克风，并为 Teams 打开开关。
4. 关闭可能占用麦克风的其他应用（其他通话软件、录音软件），然后重启 Teams。
5. 蓝牙耳机：删除配对后重新配对。蓝牙耳机在免提模式下音质较差；有线耳机更可靠。

别人听到回声：请使用耳机，不要用笔记本电脑的扬声器。如果测试通话正常但某个会议不正常，请退出该会议再重新加入。',
    'teams 声音 没有声音 听不到 音频 麦克风 话筒 扬声器 耳机 耳麦 通话 会议 回声 静音 蓝牙',
    1,
    1,
    'desk',
    '2026-11-30T00:00:00.0000000+00:00',
    'desk',
    '2026-11-30T00:00:00.0000000+00:00');
