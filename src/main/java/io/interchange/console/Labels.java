package io.interchange.console;

import io.quarkus.qute.TemplateExtension;
import java.util.Locale;
import java.util.Map;

/** Enum values as the console shows them: the Chinese label and the English words, e.g. "有条件共享 Conditional". */
public final class Labels {

    private Labels() {}

    private static final Map<String, String> ZH = Map.ofEntries(
            Map.entry("SharingType.UNCONDITIONAL", "无条件共享"),
            Map.entry("SharingType.CONDITIONAL", "有条件共享"),
            Map.entry("SharingType.NOT_SHARED", "不予共享"),
            Map.entry("SharingMode.API", "接口"),
            Map.entry("SharingMode.BULK", "批量"),
            Map.entry("SharingMode.FILE", "文件"),
            Map.entry("Level.GENERAL", "一般"),
            Map.entry("Level.IMPORTANT", "重要"),
            Map.entry("Level.CORE", "核心"),
            Map.entry("FormatCategory.ELECTRONIC_FILE", "电子文件"),
            Map.entry("FormatCategory.SPREADSHEET", "电子表格"),
            Map.entry("FormatCategory.DATABASE", "数据库"),
            Map.entry("FormatCategory.IMAGE", "图形图像"),
            Map.entry("FormatCategory.STREAMING_MEDIA", "流媒体"),
            Map.entry("FormatCategory.SELF_DESCRIBING", "自描述格式"),
            Map.entry("FormatCategory.SERVICE_API", "服务接口"),
            Map.entry("UpdateCycle.REALTIME", "实时"),
            Map.entry("UpdateCycle.DAILY", "每日"),
            Map.entry("UpdateCycle.WEEKLY", "每周"),
            Map.entry("UpdateCycle.MONTHLY", "每月"),
            Map.entry("UpdateCycle.QUARTERLY", "每季度"),
            Map.entry("UpdateCycle.HALF_YEARLY", "每半年"),
            Map.entry("UpdateCycle.YEARLY", "每年"),
            Map.entry("UpdateCycle.IRREGULAR", "不定期"),
            Map.entry("ResourceStatus.DRAFT", "草稿"),
            Map.entry("ResourceStatus.SUBMITTED", "待审核"),
            Map.entry("ResourceStatus.REJECTED", "已退回"),
            Map.entry("ResourceStatus.PUBLISHED", "已发布"),
            Map.entry("ResourceStatus.RETIRED", "已下架"),
            Map.entry("RequestStatus.AWAITING_ENDORSEMENT", "待本部门审核"),
            Map.entry("RequestStatus.AWAITING_DECISION", "待提供方答复"),
            Map.entry("RequestStatus.AWAITING_AUTHORITY", "待主管部门确认"),
            Map.entry("RequestStatus.NEEDS_INFO", "待补充材料"),
            Map.entry("RequestStatus.APPROVED", "已同意"),
            Map.entry("RequestStatus.REJECTED", "已拒绝"),
            Map.entry("RequestStatus.WITHDRAWN", "已撤回"),
            Map.entry("Outcome.APPROVE", "同意"),
            Map.entry("Outcome.REJECT", "拒绝"),
            Map.entry("Outcome.NEEDS_INFO", "补充材料"),
            Map.entry("Kind.NONE", "不脱敏"),
            Map.entry("Kind.ID_NUMBER", "身份证号脱敏"),
            Map.entry("Kind.MOBILE", "手机号脱敏"),
            Map.entry("Kind.NAME", "姓名脱敏"),
            Map.entry("Kind.ADDRESS", "地址脱敏"),
            Map.entry("Kind.BANK_CARD", "银行卡号脱敏"),
            Map.entry("Kind.EMAIL", "邮箱脱敏"),
            Map.entry("Kind.KEEP", "保留首尾"),
            Map.entry("Kind.HASH", "哈希"),
            Map.entry("Kind.NULLIFY", "置空"),
            Map.entry("Kind.YEAR_ONLY", "仅保留年份"),
            Map.entry("Kind.EXCHANGE", "数据交换"),
            Map.entry("Kind.ADMIN", "管理操作"),
            Map.entry("Kind.SUBJECT_REPORT", "主体查询报告"),
            Map.entry("GrantStatus.ACTIVE", "有效"),
            Map.entry("GrantStatus.SUSPENDED", "已暂停"),
            Map.entry("GrantStatus.REVOKED", "已撤销"),
            Map.entry("GrantStatus.EXPIRED", "已过期"),
            Map.entry("GrantStatus.ENDED", "已终止"),
            Map.entry("ObjectionType.CATALOGUE_ERROR", "目录错误"),
            Map.entry("ObjectionType.REQUEST_DECISION", "申请答复"),
            Map.entry("ObjectionType.DATA_USE", "数据使用"),
            Map.entry("ObjectionType.OTHER", "其他"),
            Map.entry("ObjectionStatus.OPEN", "待答复"),
            Map.entry("ObjectionStatus.ANSWERED", "已答复"),
            Map.entry("ObjectionStatus.UNRESOLVED", "未解决"),
            Map.entry("ObjectionStatus.DISPUTED", "争议处理中"),
            Map.entry("ObjectionStatus.RESOLVED", "已解决"));

    private static final Map<String, String> EN = Map.of("API", "API", "ID_NUMBER", "ID number", "CORE", "Core");

    private static final Map<String, String> ROLES = Map.of(
            "hub-admin", "主管部门管理员 Hub admin",
            "hub-auditor", "主管部门审计员 Hub auditor",
            "steward", "目录管理员 Steward",
            "data-officer", "共享工作机构 Data officer",
            "consumer", "数据使用方 Consumer",
            "auditor", "审计员 Auditor");

    /** {@code {value.label}} in templates: "中文 English". */
    @TemplateExtension
    public static String label(Enum<?> value) {
        String zh = ZH.get(value.getDeclaringClass().getSimpleName() + "." + value.name());
        String en = EN.getOrDefault(value.name(), english(value.name()));
        return zh == null ? en : zh + " " + en;
    }

    public static String role(String role) {
        return ROLES.getOrDefault(role, role);
    }

    static String english(String name) {
        String words = name.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
