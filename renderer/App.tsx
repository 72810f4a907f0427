import { Monitor, Moon, Sun } from 'lucide-react';
import { useEffect } from 'react';
import { ChannelsPage } from './features/channels/ChannelsPage';
import { DeliveryLogPage } from './features/delivery/DeliveryLogPage';
import { JourneyPage } from './features/journeys/JourneyPage';
import { JourneysPage } from './features/journeys/JourneysPage';
import { ProfilesPage } from './features/profiles/ProfilesPage';
import { ReportsPage } from './features/reports/ReportsPage';
import { MessageComposer } from './features/messages/MessageComposer';
import { MessagesPage } from './features/messages/MessagesPage';
import { UpcomingSection } from './features/sections/UpcomingSection';
import { WorkspaceDialogs } from './features/workspaces/WorkspaceDialogs';
import { WorkspaceSwitcher } from './features/workspaces/WorkspaceSwitcher';
import { OPEN_FOLDER_SHORTCUT } from './features/workspaces/paths';
import { sectionInfo } from './features/sections/sections';
import { studio } from './api/instance';
import { useChannels } from './store/channels';
import { useMessages } from './store/messages';
import { redoNext, undoLast } from './store/history';
import { useJourneys } from './store/journeys';
import { sections, useNavigation } from './store/navigation';
import { useSettings } from './store/settings';
import { useWorkspaces } from './store/workspaces';
import { ConnectionBanner } from './ui/ConnectionBanner';
import { QuickStart } from './ui/QuickStart';
import { Toasts } from './ui/Toasts';
import { useShortcuts } from './ui/shortcuts';

const nextTheme = { system: 'light', light: 'dark', dark: 'system' } as const;
const themeIcon = { system: <Monitor size={16} />, light: <Sun size={16} />, dark: <Moon size={16} /> };

export function App() {
  const { route, go } = useNavigation();
  const { theme, load, setTheme } = useSettings();

  useEffect(() => {
    void load();
    // Other windows (or the CLI) may change journeys: refresh the list when the core says so.
    return studio.transport.onEvent((event) => {
      if (event.name === 'journeys.changed') void useJourneys.getState().refresh();
      if (event.name === 'settings.changed') useSettings.setState({ theme: event.payload.theme });
      if (event.name === 'channels.changed') void useChannels.getState().refresh();
      if (event.name === 'messages.changed') void useMessages.getState().refresh();
      if (event.name === 'workspaces.switch') useWorkspaces.getState().onSwitch(event.payload);
    });
  }, [load]);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useShortcuts({
    'mod+z': () => void undoLast(),
    'mod+shift+z': () => void redoNext(),
    'mod+y': () => void redoNext(),
    [OPEN_FOLDER_SHORTCUT]: () => void useWorkspaces.getState().openFolder(),
  });

  const info = sectionInfo[route.section];
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Sections">
        <div className="brand">
          <img className="brand-mark" src="./icon.svg" alt="" />
          <span>Journey Studio</span>
        </div>
        <WorkspaceSwitcher />
        <ul>
          {sections.map((section) => (
            <li key={section}>
              <a
                href={`#/${section}`}
                className={`nav-item${route.section === section ? ' is-active' : ''}`}
                aria-current={route.section === section ? 'page' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  go({ section });
                }}
              >
                {sectionInfo[section].icon}
                <span>{sectionInfo[section].label}</span>
              </a>
            </li>
          ))}
        </ul>
        <QuickStart />
        <div className="sidebar-footer">
          <span className="sidebar-footer-label">Theme</span>
          <button
            type="button"
            className="icon-button"
            aria-label={`Theme: ${theme}. Switch to ${nextTheme[theme]}`}
            title={`Theme: ${theme}`}
            onClick={() => void setTheme(nextTheme[theme])}
          >
            {themeIcon[theme]}
          </button>
        </div>
      </nav>
      <main className="content">
        <ConnectionBanner />
        {route.section === 'journeys' ? (
          route.journeyId ? (
            <JourneyPage key={route.journeyId} id={route.journeyId} />
          ) : (
            <JourneysPage />
          )
        ) : route.section === 'channels' ? (
          <ChannelsPage />
        ) : route.section === 'delivery' ? (
          <DeliveryLogPage />
        ) : route.section === 'reports' ? (
          <ReportsPage />
        ) : route.section === 'profiles' ? (
          <ProfilesPage />
        ) : route.section === 'messages' ? (
          route.messageId ? (
            <MessageComposer key={route.messageId} id={route.messageId} />
          ) : (
            <MessagesPage />
          )
        ) : (
          <UpcomingSection info={info} />
        )}
      </main>
      <WorkspaceDialogs />
      <Toasts />
    </div>
  );
}
