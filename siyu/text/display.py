"""Words for values (campaign codes, yes / no) and for Streamlit's own widget texts."""

TEXT = {
    # Campaign codes of the demo data (and the templates) as a reader names them; a campaign
    # code the table does not know is shown as the data spells it (it is the user's own name).
    "campaign.7day": {"zh-Hans": "7天活动", "zh-Hant": "7天活動", "en": "7-day programme"},
    "campaign.flash_sale": {"zh-Hans": "限时秒杀", "zh-Hant": "限時秒殺", "en": "Flash sale"},
    "campaign.fission": {"zh-Hans": "裂变拉新", "zh-Hant": "裂變拉新", "en": "Referral drive"},
    "campaign.welfare": {"zh-Hans": "福利群", "zh-Hant": "福利群", "en": "Perks group"},
    "campaign.new_coupon": {
        "zh-Hans": "新人券",
        "zh-Hant": "新人券",
        "en": "New-member coupon",
    },
    "campaign.member_day": {"zh-Hans": "会员日", "zh-Hant": "會員日", "en": "Members' day"},
    "campaign.none": {"zh-Hans": "（无活动）", "zh-Hant": "（無活動）", "en": "(no campaign)"},
    # a true / false cell of a download (on screen it is a tick box)
    "value.yes": {"zh-Hans": "是", "zh-Hant": "是", "en": "Yes"},
    "value.no": {"zh-Hans": "否", "zh-Hant": "否", "en": "No"},
    # Streamlit's file uploader reads "Upload", "500MB per file • CSV, …" and, while a file is
    # dragged over it, "Drag and drop files here"; siyu.web.widgets.file_uploader puts these instead
    "uploader.browse": {"zh-Hans": "选择文件", "zh-Hant": "選擇檔案", "en": "Browse files"},
    "uploader.note": {
        "zh-Hans": "单个文件不超过 {mb} MB · {types}",
        "zh-Hant": "單個檔案不超過 {mb} MB · {types}",
        "en": "Up to {mb} MB per file · {types}",
    },
    "uploader.drop": {
        "zh-Hans": "松开鼠标即可上传",
        "zh-Hant": "放開滑鼠即可上傳",
        "en": "Drop the files here",
    },
}
