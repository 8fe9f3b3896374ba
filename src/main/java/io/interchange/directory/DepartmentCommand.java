package io.interchange.directory;

/** Create or update a department; {@code id} is taken from the path on update. */
public record DepartmentCommand(String id, String code, String name, String nameEn, Boolean authority) {}
