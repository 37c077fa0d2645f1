// The sidecar's privileges (the contract's `profile`), as kubectl debug names them: a choice
// with one line each on what it grants. Privileged (the switch) is the sysadmin profile.

import { FormControl, FormControlLabel, FormLabel, Radio, RadioGroup, Typography } from '@mui/material';
import { PROFILE_DESCRIPTIONS, PROFILES, type Profile } from '@cdebug/contract';

interface Props {
  profile: Profile;
  onChange: (profile: Profile) => void;
  /** the Privileged switch is on: that is sysadmin, whatever is chosen here */
  privileged: boolean;
}

export function ProfileField({ profile, onChange, privileged }: Props) {
  return (
    <FormControl disabled={privileged}>
      <FormLabel id="profile-label">
        <Typography variant="body2">Privileges{privileged ? ': sysadmin (Privileged is on)' : ''}</Typography>
      </FormLabel>
      <RadioGroup aria-labelledby="profile-label" value={privileged ? 'sysadmin' : profile} onChange={(event) => onChange(event.target.value as Profile)}>
        {PROFILES.map((p) => (
          <FormControlLabel
            key={p}
            value={p}
            control={<Radio size="small" />}
            label={
              <Typography variant="body2">
                <strong>{p}</strong>
                <Typography component="span" variant="body2" color="text.secondary">
                  {' '}
                  {PROFILE_DESCRIPTIONS[p]}
                </Typography>
              </Typography>
            }
          />
        ))}
      </RadioGroup>
    </FormControl>
  );
}
