package io.interchange.directory;

/** A department as the API shows it. {@code code} is its 统一社会信用代码. */
public record DepartmentView(String id, String code, String name, String nameEn, boolean authority) {}
