import { useState } from 'react';
import type { ChannelInput } from '../../../shared/contract';
import { type ChannelSummary, androidPackageSchema, appleIdSchema, bundleIdSchema, channelNameSchema } from '../../../shared/domain/channel';
import { useChannels } from '../../store/channels';
import { Dialog } from '../../ui/Dialog';
import { Field, FieldError } from '../../ui/Field';
import type { PickedFile } from '../../ui/files';
import { CredentialDrop } from './CredentialDrop';
import { InspectionNote } from './InspectionNote';
import { useInspection } from './useInspection';

interface ChannelEditorProps {
  /** Undefined: a new channel. */
  channel?: ChannelSummary;
  /** A file dropped on the page before the editor opened, already sorted into its slot. */
  initialFiles?: { ios?: { kind: 'p8' | 'p12'; file: PickedFile }; android?: PickedFile };
  onClose(): void;
}

const keyIdFromName = (name: string) => /AuthKey_([A-Z0-9]{10})\.p8$/i.exec(name)?.[1]?.toUpperCase() ?? '';
const firstIssue = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? undefined : result.error?.issues[0]?.message;

/**
 * Create or edit a channel: an iOS app (bundle id, environment, .p8 key or .p12 certificate) and/or
 * an Android app (Firebase service account). Files are checked by the core as soon as they are
 * picked; nothing is stored until Save, and the key material never comes back to this page.
 */
export function ChannelEditor({ channel, initialFiles, onClose }: ChannelEditorProps) {
  const save = useChannels((s) => s.save);
  const storedIos = channel?.ios;
  const [name, setName] = useState(channel?.name ?? '');
  const [target, setTarget] = useState<'sandbox' | 'live'>(channel?.target ?? 'live');
  const [iosOn, setIosOn] = useState(Boolean(storedIos) || Boolean(initialFiles?.ios) || !channel);
  const [bundleId, setBundleId] = useState(storedIos?.bundleId ?? '');
  const [environment, setEnvironment] = useState<'sandbox' | 'production'>(storedIos?.environment ?? 'production');
  const [authKind, setAuthKind] = useState<'p8' | 'p12'>(initialFiles?.ios?.kind ?? storedIos?.auth.kind ?? 'p8');
  const [iosFile, setIosFile] = useState<PickedFile | undefined>(initialFiles?.ios?.file);
  const [keyId, setKeyId] = useState(
    storedIos?.auth.kind === 'p8' ? storedIos.auth.keyId : keyIdFromName(initialFiles?.ios?.file.fileName ?? ''),
  );
  const [teamId, setTeamId] = useState(storedIos?.auth.kind === 'p8' ? storedIos.auth.teamId : '');
  const [passphrase, setPassphrase] = useState('');
  const [androidOn, setAndroidOn] = useState(Boolean(channel?.android) || Boolean(initialFiles?.android) || !channel);
  const [androidFile, setAndroidFile] = useState<PickedFile | undefined>(initialFiles?.android);
  const [packageName, setPackageName] = useState(channel?.android?.packageName ?? '');
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string>();

  const iosCheck = useInspection(authKind, iosOn ? iosFile : undefined, passphrase);
  const androidCheck = useInspection('serviceAccount', androidOn ? androidFile : undefined);

  const storedAuthMatches = storedIos && storedIos.auth.kind === authKind;
  const errors = {
    name: firstIssue(channelNameSchema.safeParse(name)),
    platforms: !iosOn && !androidOn ? 'Add an iOS app, an Android app, or both.' : undefined,
    bundleId: iosOn ? firstIssue(bundleIdSchema.safeParse(bundleId)) : undefined,
    iosFile: iosOn && !iosFile && !storedAuthMatches ? `Choose the APNs ${authKind === 'p8' ? 'key (.p8)' : 'certificate (.p12)'}.` : undefined,
    keyId: iosOn && authKind === 'p8' && (iosFile || !storedAuthMatches) ? firstIssue(appleIdSchema('Key ID').safeParse(keyId)) : undefined,
    teamId: iosOn && authKind === 'p8' && (iosFile || !storedAuthMatches) ? firstIssue(appleIdSchema('Team ID').safeParse(teamId)) : undefined,
    androidFile: androidOn && !androidFile && !channel?.android ? 'Choose the Firebase service account file (.json).' : undefined,
    packageName: androidOn && packageName.trim() ? firstIssue(androidPackageSchema.safeParse(packageName)) : undefined,
  };
  const invalid = Object.values(errors).some(Boolean) || Boolean(iosCheck.error) || Boolean(androidCheck.error);

  const build = (): ChannelInput<'channels.create'> | ChannelInput<'channels.update'> => {
    const file = (f: PickedFile) => ({ fileName: f.fileName, contentBase64: f.contentBase64 });
    const ios = iosOn
      ? {
          bundleId,
          environment,
          ...(iosFile
            ? {
                auth:
                  authKind === 'p8'
                    ? { kind: 'p8' as const, file: file(iosFile), keyId, teamId }
                    : { kind: 'p12' as const, file: file(iosFile), passphrase },
              }
            : {}),
        }
      : undefined;
    const android = androidOn
      ? { ...(packageName.trim() ? { packageName: packageName.trim() } : {}), ...(androidFile ? { serviceAccount: file(androidFile) } : {}) }
      : undefined;
    if (channel) return { id: channel.id, name, target, ios: ios ?? null, android: android ?? null };
    return { name, target, ...(ios ? { ios } : {}), ...(android ? { android } : {}) };
  };

  const submit = async () => {
    setTried(true);
    if (invalid || saving) return;
    setSaving(true);
    setServerError(undefined);
    try {
      await save(build());
      onClose();
    } catch (error) {
      setServerError(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  /** Errors show once Save was tried, not while the first values are typed. */
  const shown = (message: string | undefined) => (tried ? message : undefined);

  return (
    <Dialog
      title={channel ? `Edit ${channel.name}` : 'New channel'}
      size="wide"
      onClose={onClose}
      onSubmit={() => void submit()}
      submit={{ label: saving ? 'Saving…' : channel ? 'Save' : 'Create channel', disabled: saving }}
    >
      {serverError ? (
        <div className="inline-error" role="alert">
          {serverError}
        </div>
      ) : null}
      <div className="form-grid">
        <Field label="Name" error={shown(errors.name)}>
          {(id) => <input id={id} className="text-input" value={name} placeholder="e.g. Shop app" onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Send to">
          {(id) => (
            <select id={id} className="text-input" value={target} onChange={(e) => setTarget(e.target.value as 'sandbox' | 'live')}>
              <option value="live">Apple and Google (live)</option>
              <option value="sandbox">The studio’s simulators (sandbox, offline)</option>
            </select>
          )}
        </Field>
      </div>

      <fieldset className="form-section">
        <legend>
          <label>
            <input type="checkbox" checked={iosOn} onChange={(e) => setIosOn(e.target.checked)} /> iOS app (APNs)
          </label>
        </legend>
        {iosOn ? (
          <div className="form-grid">
            <Field label="Bundle ID" error={shown(errors.bundleId)}>
              {(id) => <input id={id} className="text-input" value={bundleId} placeholder="com.company.app" onChange={(e) => setBundleId(e.target.value)} />}
            </Field>
            <Field label="APNs environment">
              {(id) => (
                <select id={id} className="text-input" value={environment} onChange={(e) => setEnvironment(e.target.value as 'sandbox' | 'production')}>
                  <option value="production">Production (App Store, TestFlight)</option>
                  <option value="sandbox">Sandbox (development builds)</option>
                </select>
              )}
            </Field>
            <span className="field-label">Authentication</span>
            <div className="radio-row" role="radiogroup" aria-label="Authentication">
              <label>
                <input type="radio" name="auth" checked={authKind === 'p8'} onChange={() => setAuthKind('p8')} /> .p8 key (recommended)
              </label>
              <label>
                <input type="radio" name="auth" checked={authKind === 'p12'} onChange={() => setAuthKind('p12')} /> .p12 certificate
              </label>
            </div>
            <span className="field-label">{authKind === 'p8' ? 'Key file' : 'Certificate'}</span>
            <div>
              <CredentialDrop
                label={authKind === 'p8' ? 'APNs key (.p8)' : 'APNs certificate (.p12)'}
                accept={authKind === 'p8' ? '.p8,.pem' : '.p12,.pfx'}
                hint={authKind === 'p8' ? 'AuthKey_XXXXXXXXXX.p8 from Apple Developer → Keys' : 'Exported from Keychain Access with its private key'}
                file={iosFile}
                stored={storedAuthMatches ? storedIos.auth.fingerprint : undefined}
                onFile={(picked) => {
                  setIosFile(picked);
                  const fromName = keyIdFromName(picked.fileName);
                  if (fromName) setKeyId(fromName);
                }}
              />
              <InspectionNote {...iosCheck} />
              <FieldError message={shown(errors.iosFile)} />
            </div>
            {authKind === 'p8' ? (
              <>
                <Field label="Key ID" error={shown(errors.keyId)}>
                  {(id) => <input id={id} className="text-input mono" value={keyId} placeholder="AB12CD34EF" onChange={(e) => setKeyId(e.target.value)} />}
                </Field>
                <Field label="Team ID" error={shown(errors.teamId)}>
                  {(id) => <input id={id} className="text-input mono" value={teamId} placeholder="TEAM123456" onChange={(e) => setTeamId(e.target.value)} />}
                </Field>
              </>
            ) : (
              <Field label="Passphrase">
                {(id) => (
                  <input
                    id={id}
                    className="text-input"
                    type="password"
                    autoComplete="off"
                    value={passphrase}
                    placeholder={iosFile ? 'The password set at export' : 'Only needed with a new certificate'}
                    onChange={(e) => setPassphrase(e.target.value)}
                  />
                )}
              </Field>
            )}
          </div>
        ) : null}
      </fieldset>

      <fieldset className="form-section">
        <legend>
          <label>
            <input type="checkbox" checked={androidOn} onChange={(e) => setAndroidOn(e.target.checked)} /> Android app (FCM)
          </label>
        </legend>
        {androidOn ? (
          <div className="form-grid">
            <Field label="Package name" error={shown(errors.packageName)}>
              {(id) => (
                <input
                  id={id}
                  className="text-input mono"
                  value={packageName}
                  placeholder={bundleId ? `${bundleId} (same as iOS)` : 'com.company.app'}
                  onChange={(e) => setPackageName(e.target.value)}
                />
              )}
            </Field>
            <span className="field-label">Service account</span>
            <div>
              <CredentialDrop
                label="Firebase service account (.json)"
                accept=".json,application/json"
                hint="Firebase console → Project settings → Service accounts → Generate new private key"
                file={androidFile}
                stored={channel?.android ? `${channel.android.projectId} · ${channel.android.fingerprint}` : undefined}
                onFile={setAndroidFile}
              />
              <InspectionNote {...androidCheck} />
              <FieldError message={shown(errors.androidFile)} />
            </div>
          </div>
        ) : null}
      </fieldset>
      <FieldError message={shown(errors.platforms)} />
    </Dialog>
  );
}
