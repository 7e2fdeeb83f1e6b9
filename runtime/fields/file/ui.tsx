import type { FieldCellProps, FieldUi, FieldWidgetProps } from "../ui-types";
import { isFileValue } from "../ui/api-client";
import { fileFromFormData } from "../ui/file-form-data";
import { FileInput, fileHref } from "../ui/file-input";
import { noSettings } from "../ui/kind-settings";

function FileWidget(props: FieldWidgetProps) {
  return <FileInput {...props} />;
}

function FileCell(props: FieldCellProps) {
  if (!isFileValue(props.value)) return <span className="tf-cell" />;
  return (
    <span className="tf-cell">
      <a href={fileHref(props.value)} target="_blank" rel="noreferrer" title={props.value.name}>
        {props.value.name}
      </a>
    </span>
  );
}

export const fileUi: FieldUi = { Widget: FileWidget, Cell: FileCell, fromFormData: fileFromFormData, settings: noSettings };
