import type { FieldCellProps, FieldUi, FieldWidgetProps } from "../ui-types";
import { isFileValue } from "../ui/api-client";
import { fileFromFormData } from "../ui/file-form-data";
import { FileInput, fileHref } from "../ui/file-input";
import { noSettings } from "../ui/kind-settings";

function ImageWidget(props: FieldWidgetProps) {
  return <FileInput {...props} image />;
}

function ImageCell(props: FieldCellProps) {
  if (!isFileValue(props.value)) return <span className="tf-cell" />;
  return (
    <span className="tf-cell tf-cell--image">
      <img
        className="tf-thumb"
        src={fileHref(props.value)}
        alt={props.value.name}
        title={props.value.name}
        width={24}
        height={24}
        loading="lazy"
      />
    </span>
  );
}

export const imageUi: FieldUi = { Widget: ImageWidget, Cell: ImageCell, fromFormData: fileFromFormData, settings: noSettings };
