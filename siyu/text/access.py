"""Words of sign-in, roles, team spaces and sharing links."""

TEXT = {
    "auth.open_banner": {
        "zh-Hans": "未配置登录：任何能打开此地址的人都能查看和修改全部数据。"
        "请在 .streamlit/secrets.toml 中配置登录或团队口令。",
        "zh-Hant": "未設定登入：任何能開啟此網址的人都能檢視和修改全部資料。"
        "請在 .streamlit/secrets.toml 中設定登入或團隊口令。",
        "en": "No sign-in is configured: anyone who can open this address can read and change "
        "all data. Configure sign-in or team passcodes in .streamlit/secrets.toml.",
    },
    "auth.sign_in_with": {
        "zh-Hans": "使用 {provider} 登录",
        "zh-Hant": "使用 {provider} 登入",
        "en": "Sign in with {provider}",
    },
    "auth.passcode": {"zh-Hans": "团队口令", "zh-Hant": "團隊口令", "en": "Team passcode"},
    "auth.enter": {"zh-Hans": "进入", "zh-Hant": "進入", "en": "Enter"},
    "auth.wrong_passcode": {
        "zh-Hans": "口令不对。多次输错后需要等待更久才能再试。",
        "zh-Hant": "口令不對。多次輸錯後需要等待更久才能再試。",
        "en": "That passcode is wrong. After several wrong tries you wait longer before the next.",
    },
    "auth.wait": {
        "zh-Hans": "口令输错次数过多：请等待 {seconds} 秒后再试。",
        "zh-Hant": "口令輸錯次數過多：請等待 {seconds} 秒後再試。",
        "en": "Too many wrong passcodes: wait {seconds} s, then try again.",
    },
    "auth.not_granted": {
        "zh-Hans": "账号 {who} 没有访问权限，请联系管理员。",
        "zh-Hant": "帳號 {who} 沒有存取權限，請聯絡管理員。",
        "en": "The account {who} has no access here. Ask your administrator.",
    },
    "auth.sign_out": {"zh-Hans": "退出登录", "zh-Hant": "登出", "en": "Sign out"},
    "auth.signed_in_as": {
        "zh-Hans": "已登录：{who}（{role}）",
        "zh-Hant": "已登入：{who}（{role}）",
        "en": "Signed in: {who} ({role})",
    },
    "role.viewer": {"zh-Hans": "查看者", "zh-Hant": "檢視者", "en": "viewer"},
    "role.editor": {"zh-Hans": "编辑者", "zh-Hant": "編輯者", "en": "editor"},
    "frame.no_such_dataset": {
        "zh-Hans": "找不到数据集「{dataset}」，或你没有打开它的权限。",
        "zh-Hant": "找不到資料集「{dataset}」，或你沒有開啟它的權限。",
        "en": "There is no dataset “{dataset}”, or you may not open it.",
    },
    "frame.share": {"zh-Hans": "复制链接", "zh-Hant": "複製連結", "en": "Copy link"},
    "frame.share_help": {
        "zh-Hans": "此链接会打开同一数据集、页面、语言和筛选条件（点右上角图标复制）。",
        "zh-Hant": "此連結會開啟同一資料集、頁面、語言和篩選條件（點右上角圖示複製）。",
        "en": "This link opens the same dataset, page, language and filters "
        "(copy it with the icon at its top right).",
    },
    "access.bad_role": {
        "zh-Hans": "登录配置有误：{who} 的角色「{role}」无效（应为 viewer 或 editor）。",
        "zh-Hant": "登入設定有誤：{who} 的角色「{role}」無效（應為 viewer 或 editor）。",
        "en": "Sign-in configuration error: {who} has role “{role}” (use viewer or editor).",
    },
    "access.bad_hash": {
        "zh-Hans": "登录配置有误：口令 {who} 的 hash 不是 python -m siyu passcode 生成的格式。",
        "zh-Hant": "登入設定有誤：口令 {who} 的 hash 不是 python -m siyu passcode 產生的格式。",
        "en": "Sign-in configuration error: the hash of passcode {who} is not in the format "
        "`python -m siyu passcode` writes.",
    },
}
