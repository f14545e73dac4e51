; Inno Setup script for Ollama Desk (Inno Setup 6.3 or later, 7 works too).
; Per-user install, no administrator rights: %LOCALAPPDATA%\Programs\Ollama Desk,
; a Start-menu entry, an optional desktop icon, and an uninstaller in "Installed apps".
;
; Build after `pyinstaller build.spec` left dist\ollama-desk.exe (the release workflow does this):
;   iscc /DAppVersion=0.1.0 installer\windows\ollama-desk.iss
; The version comes from pyproject.toml through /DAppVersion; the output is
;   dist\ollama-desk-<version>-windows-x64-setup.exe

#ifndef AppVersion
  #error Pass the version from pyproject.toml: iscc /DAppVersion=X.Y.Z ollama-desk.iss
#endif
#define AppName "Ollama Desk"
#define AppExe "ollama-desk.exe"
#ifndef DistDir
  #define DistDir "..\..\dist"
#endif

[Setup]
; AppId identifies the app to Windows and to later versions of this installer: never change it.
AppId={{6F0D5B8E-3C41-4E7A-9C55-2B7D1F0A9E31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Ollama Desk contributors
AppPublisherURL=https://github.com/ollama-desk/ollama-desk
VersionInfoVersion={#AppVersion}
; Per-user: no UAC prompt. {autopf} is %LOCALAPPDATA%\Programs in this mode.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#DistDir}
OutputBaseFilename=ollama-desk-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\icons\ollama-desk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
; The executable is compressed already; solid lzma2 still trims the installer a little.
Compression=lzma2
SolidCompression=yes
; Close a running Ollama Desk before replacing its executable.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#DistDir}\{#AppExe}"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
; {autoprograms}: the user's Start-menu Programs folder in per-user mode
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Run a private local language model with Ollama"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; Uninstalling removes the program and its shortcuts; chats, settings and downloaded models
; stay (they live in the user's data folders, and models belong to Ollama).
