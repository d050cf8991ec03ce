import { Button, Dialog, DialogTrigger, Heading, Label, Popover, Radio, RadioGroup } from 'react-aria-components';
import { colourSchemes, schemeLabels, zoomLevels, type ColourScheme, type DisplaySettings } from './display-settings.ts';

/** "Display" button with a popover: zoom of the question area (100–200 %) and the colour scheme. Changes apply at
 * once and are remembered on this computer. */
export function DisplayMenu({ settings, onChange }: { settings: DisplaySettings; onChange: (change: Partial<DisplaySettings>) => void }) {
  return (
    <DialogTrigger>
      <Button className="button button-small runner-tool">
        Display <span className="muted-inline">({settings.zoom} %, {schemeLabels[settings.scheme]})</span>
      </Button>
      <Popover className="popover display-popover" placement="bottom end">
        <Dialog className="dialog display-dialog">
          <Heading slot="title" level={2} className="dialog-title">Display</Heading>
          <RadioGroup
            className="segmented"
            orientation="horizontal"
            value={String(settings.zoom)}
            onChange={(value) => onChange({ zoom: Number(value) })}
          >
            <Label className="field-label">Zoom of the question</Label>
            <div className="segmented-options">
              {zoomLevels.map((level) => (
                <Radio key={level} value={String(level)} className="segment">
                  {level} %
                </Radio>
              ))}
            </div>
          </RadioGroup>
          <RadioGroup
            className="segmented"
            orientation="horizontal"
            value={settings.scheme}
            onChange={(value) => onChange({ scheme: value as ColourScheme })}
          >
            <Label className="field-label">Colours</Label>
            <div className="segmented-options">
              {colourSchemes.map((scheme) => (
                <Radio key={scheme} value={scheme} className="segment">
                  {schemeLabels[scheme]}
                </Radio>
              ))}
            </div>
          </RadioGroup>
        </Dialog>
      </Popover>
    </DialogTrigger>
  );
}
